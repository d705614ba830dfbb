using LiveCall.App;
using LiveCall.App.Account;
using LiveCall.App.Admin;
using LiveCall.App.Calls;
using LiveCall.App.Calls.FollowUp;
using LiveCall.App.Calls.Incoming;
using LiveCall.App.Components;
using LiveCall.App.Infrastructure;
using LiveCall.App.Localization;
using LiveCall.App.Notifications;
using LiveCall.App.Statistics;
using LiveCall.Core.Data;
using LiveCall.Core.Secrets;

if (await HealthProbe.TryRunAsync(args) is { } probe) return probe;

var builder = WebApplication.CreateBuilder(args);

builder.AddLiveCallFeatures();

var app = builder.Build();

if (await AdminCommand.TryRunAsync(app, args)) return Environment.ExitCode;

await app.Services.MigrateDatabaseAsync();
await app.Services.SealSecretsAsync();
if (app.Environment.IsDevelopment()) await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);

app.UseInfrastructure();
app.UseRateLimiter();
app.UseLocalizedUi();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapInfrastructure();
app.MapLocalizedUi();
app.MapAccounts();
app.MapAdministration();
app.MapStatistics();
app.MapNotifications();
app.MapCalls();
app.MapIncomingCalls();
app.MapFollowUp();
app.MapBench();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

public partial class Program;
