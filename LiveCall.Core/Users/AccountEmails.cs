using LiveCall.Core.Dealers;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Email;
using LiveCall.Core.Notifications.Outbox;

namespace LiveCall.Core.Users;

/// <summary>The activation and password-reset emails, branded and in the recipient's language.</summary>
public static class AccountEmails
{
    public static EmailRequest Activation(StaffUser user, EffectiveBranding brand, string link)
    {
        var de = user.Language == "de";
        var content = de
            ? new EmailContent($"Ihr Zugang zu {brand.DisplayName} LiveCall", "Zugang aktivieren",
                [$"Hallo {user.DisplayName},", "für Sie wurde ein Zugang zu LiveCall angelegt. Bitte legen Sie über den Link Ihr Passwort fest.",
                 $"Ihr Benutzername ist {user.Email}. Der Link ist nur einmal verwendbar und läuft ab."], "Passwort festlegen", link)
            : new EmailContent($"Your {brand.DisplayName} LiveCall account", "Activate your account",
                [$"Hello {user.DisplayName},", "an account for LiveCall has been created for you. Please set your password with the link.",
                 $"Your user name is {user.Email}. The link works once and expires."], "Set password", link);
        return Build(OutboxPurpose.Activation, user, brand, content);
    }

    public static EmailRequest PasswordReset(StaffUser user, EffectiveBranding brand, string link)
    {
        var de = user.Language == "de";
        var content = de
            ? new EmailContent($"{brand.DisplayName} LiveCall: Passwort zurücksetzen", "Neues Passwort festlegen",
                [$"Hallo {user.DisplayName},", "Sie haben ein neues Passwort angefordert. Legen Sie es über den Link fest; er ist zwei Stunden gültig.",
                 "Wenn Sie das nicht waren, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert."], "Neues Passwort festlegen", link)
            : new EmailContent($"{brand.DisplayName} LiveCall: reset your password", "Set a new password",
                [$"Hello {user.DisplayName},", "you asked for a new password. Set it with the link; it is valid for two hours.",
                 "If this was not you, ignore this email; your password stays unchanged."], "Set a new password", link);
        return Build(OutboxPurpose.PasswordReset, user, brand, content);
    }

    private static EmailRequest Build(OutboxPurpose purpose, StaffUser user, EffectiveBranding brand, EmailContent content)
    {
        var rendered = EmailTemplateRenderer.Render(new EmailBrand(brand.DisplayName, brand.PrimaryColor, null), content, user.Language);
        return new EmailRequest(user.Email!, rendered.Subject, rendered.Text, rendered.Html, purpose, user.DealerId, user.LocationId, RecipientUserId: user.Id);
    }
}
