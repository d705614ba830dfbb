# Build: docker build -t livecall .
# Run:   docker run -p 8080:8080 -v livecall-data:/app/data -v /path/to/livecall.key:/run/secrets/livecall.key:ro -e Secrets__KeyFile=/run/secrets/livecall.key livecall
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props LiveCall.sln ./
COPY LiveCall.Core/LiveCall.Core.csproj LiveCall.Core/
COPY LiveCall.App/LiveCall.App.csproj LiveCall.App/
RUN dotnet restore LiveCall.App/LiveCall.App.csproj
COPY LiveCall.Core/ LiveCall.Core/
COPY LiveCall.App/ LiveCall.App/
RUN dotnet publish LiveCall.App/LiveCall.App.csproj -c Release -o /app/publish --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/publish .
RUN mkdir -p /app/data && chown app:app /app/data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Database__Path=/app/data/livecall.db
VOLUME /app/data
USER app
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["dotnet", "LiveCall.App.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "LiveCall.App.dll"]
