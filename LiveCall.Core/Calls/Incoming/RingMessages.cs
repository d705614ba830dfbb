using System.Text;
using LiveCall.Core.Notifications.Email;

namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// The texts of an incoming call's push, SMS and email in the seller's language. The customer's name is untrusted:
/// control characters become spaces here, and the email renderer HTML-encodes every value.
/// </summary>
public sealed record RingMessages(string CustomerName, string LocationName, string BrandName, string Language)
{
    private bool De => Language.StartsWith("de", StringComparison.OrdinalIgnoreCase);
    private string Name => Plain(CustomerName);
    private string Location => Plain(LocationName);

    public string PushTitle => De ? "Eingehender Videoanruf" : "Incoming video call";
    public string PushBody => De ? $"{Name} wartet bei {Location}" : $"{Name} is waiting at {Location}";
    public string AcceptAction => De ? "Annehmen" : "Accept";

    /// <summary>The notification that replaces the incoming-call one when the ring is over.</summary>
    public (string Title, string Body) Ended(string? answeredBy) => answeredBy is not null
        ? (De ? $"Angenommen von {Plain(answeredBy)}" : $"Answered by {Plain(answeredBy)}",
           De ? $"Der Anruf von {Name} bei {Location} wurde angenommen." : $"The call from {Name} at {Location} was answered.")
        : (De ? "Verpasster Anruf" : "Missed call",
           De ? $"{Name} hat bei {Location} angerufen." : $"{Name} called {Location}.");

    /// <summary>The notification that replaces the accepting seller's when they did not join in time and the call rang the others again.</summary>
    public (string Title, string Body) PassedOn => De
        ? ("Anruf weitergegeben", $"Sie sind dem Anruf von {Name} bei {Location} nicht rechtzeitig beigetreten. Ihre Kollegen werden angerufen.")
        : ("Call passed on", $"You did not join the call from {Name} at {Location} in time. It is ringing your colleagues.");

    public string Sms(string link) => De
        ? $"{Plain(BrandName)}: {Name} wartet bei {Location} auf einen Videoanruf. Annehmen: {link}"
        : $"{Plain(BrandName)}: {Name} is waiting for a video call at {Location}. Accept: {link}";

    public EmailContent Email(string link) => De
        ? new EmailContent($"Eingehender Videoanruf: {Name} wartet bei {Location}", "Eingehender Videoanruf",
            [$"{Name} wartet bei {Location} auf einen Videoanruf.",
             "Der Link nimmt den Anruf an und öffnet ihn auf diesem Gerät. Er funktioniert einmal und nur, solange der Anruf klingelt."],
            "Anruf annehmen", link)
        : new EmailContent($"Incoming video call: {Name} is waiting at {Location}", "Incoming video call",
            [$"{Name} is waiting for a video call at {Location}.",
             "The link accepts the call and opens it on this device. It works once, and only while the call is ringing."],
            "Accept the call", link);

    /// <summary>One line of plain text: control characters (line breaks included) become spaces.</summary>
    public static string Plain(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value) sb.Append(char.IsControl(c) ? ' ' : c);
        return sb.ToString().Trim();
    }
}
