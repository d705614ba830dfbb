using LiveCall.Core.Data;
using LiveCall.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace LiveCall.App.Account;

/// <summary>
/// `LiveCall.App create-admin --email a@b.c --name "Full Name"` (password from LIVECALL_ADMIN_PASSWORD
/// or standard input): creates the first platform admin in Production, where nothing is seeded.
/// </summary>
public static class AdminCommand
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != "create-admin") return false;
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var email = Arg("--email");
        var name = Arg("--name") ?? email;
        if (string.IsNullOrWhiteSpace(email))
        {
            Console.Error.WriteLine("usage: create-admin --email <email> [--name <name>]   (password from LIVECALL_ADMIN_PASSWORD or stdin)");
            Environment.ExitCode = 2;
            return true;
        }
        var password = Environment.GetEnvironmentVariable("LIVECALL_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.Write("Password: ");
            password = Console.ReadLine() ?? "";
        }
        if (!PasswordRules.IsValid(password))
        {
            Console.Error.WriteLine("The password needs at least 8 characters with a lower-case letter, an upper-case letter, a digit and a special character.");
            Environment.ExitCode = 2;
            return true;
        }
        await app.Services.MigrateDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = StaffUser.Create(email, name!, StaffRole.PlatformAdmin, null, null, DateTime.UtcNow);
        user.SetProfile(name!, null, "en");
        user.EmailConfirmed = true;
        var result = await users.CreateAsync(user, password);
        Console.WriteLine(result.Succeeded ? $"Platform admin {email} created." : "Failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        Environment.ExitCode = result.Succeeded ? 0 : 1;
        return true;
    }
}
