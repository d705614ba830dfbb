using LiveCall.App.Account;
using LiveCall.App.Admin;
using LiveCall.App.Calls;
using LiveCall.App.Components;
using LiveCall.App.Infrastructure;
using LiveCall.App.Localization;
using LiveCall.Core.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddData();
builder.AddInfrastructure();
builder.AddLocalizedUi();
builder.AddAccounts();
builder.AddAdministration();
builder.AddCalls();

var app = builder.Build();

if (await AdminCommand.TryRunAsync(app, args)) return;

await app.Services.MigrateDatabaseAsync();
if (app.Environment.IsDevelopment()) await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);

app.UseInfrastructure();
app.UseLocalizedUi();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapInfrastructure();
app.MapLocalizedUi();
app.MapAccounts();
app.MapAdministration();
app.MapCalls();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

public partial class Program;
