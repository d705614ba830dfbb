using System.Net;
using LiveCall.Core.Notifications;

namespace LiveCall.Core.Users;

/// <summary>The texts of the activation and password-reset emails, in the recipient's language.</summary>
public static class AccountEmails
{
    public static OutboxMessage Activation(StaffUser user, string brandName, string link, DateTime nowUtc)
    {
        var de = user.Language == "de";
        var subject = de ? $"Ihr Zugang zu {brandName} LiveCall" : $"Your {brandName} LiveCall account";
        var text = de
            ? $"Hallo {user.DisplayName},\n\nfür Sie wurde ein Zugang zu LiveCall angelegt. Bitte legen Sie über diesen Link Ihr Passwort fest:\n\n{link}\n\nDer Link ist nur einmal verwendbar und läuft ab. Ihr Benutzername ist {user.Email}."
            : $"Hello {user.DisplayName},\n\nan account for LiveCall has been created for you. Please set your password with this link:\n\n{link}\n\nThe link works once and expires. Your user name is {user.Email}.";
        return Build(OutboxPurpose.Activation, user, subject, text, link, de ? "Passwort festlegen" : "Set password", nowUtc);
    }

    public static OutboxMessage PasswordReset(StaffUser user, string brandName, string link, DateTime nowUtc)
    {
        var de = user.Language == "de";
        var subject = de ? $"{brandName} LiveCall: Passwort zurücksetzen" : $"{brandName} LiveCall: reset your password";
        var text = de
            ? $"Hallo {user.DisplayName},\n\nSie haben ein neues Passwort angefordert. Legen Sie es über diesen Link fest:\n\n{link}\n\nWenn Sie das nicht waren, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert."
            : $"Hello {user.DisplayName},\n\nyou asked for a new password. Set it with this link:\n\n{link}\n\nIf this was not you, ignore this email; your password stays unchanged.";
        return Build(OutboxPurpose.PasswordReset, user, subject, text, link, de ? "Neues Passwort festlegen" : "Set a new password", nowUtc);
    }

    private static OutboxMessage Build(OutboxPurpose purpose, StaffUser user, string subject, string text, string link, string button, DateTime nowUtc)
    {
        var html = "<p>" + WebUtility.HtmlEncode(text.Replace(link, "\u0000")).Replace("\n\n", "</p><p>").Replace("\n", "<br>")
            .Replace("\u0000", $"<a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(button)}</a>") + "</p>";
        return new OutboxMessage(OutboxChannel.Email, purpose, user.Email!, subject, text, html, user.DealerId, user.LocationId, nowUtc) { UserId = user.Id };
    }
}
