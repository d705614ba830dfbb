using System.Globalization;
using LiveCall.Core.Notifications.Email;
using LiveCall.Core.Notifications.Sms;

namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// The texts of an incoming call's push, SMS and email in the seller's language: the customer's name, the location and
/// the seller's accept link; the email also offers "I'm away for today". The customer's name is untrusted and goes
/// through <see cref="CustomerNameText.ForMessage"/> (no control characters, no link, at most 40 characters); the
/// email renderer HTML-encodes every value on top. The SMS fits two messages where it can (<see cref="Sms"/>).
/// </summary>
public sealed record RingMessages(string CustomerName, string LocationName, string BrandName, string Language)
{
    public const int MaxSmsSegments = 2;
    private const int BrandLength = 30;
    private const int ShortestName = 10;
    private const int ShortestLocation = 10;

    private bool De => Language.StartsWith("de", StringComparison.OrdinalIgnoreCase);
    private string Name => CustomerNameText.ForMessage(CustomerName);
    private string Location => CustomerNameText.Clean(LocationName);

    public string PushTitle => De ? "Eingehender Videoanruf" : "Incoming video call";
    public string PushBody => De ? $"{Name} wartet bei {Location}" : $"{Name} is waiting at {Location}";
    public string AcceptAction => De ? "Annehmen" : "Accept";

    /// <summary>The notification that replaces the incoming-call one when the ring is over.</summary>
    public (string Title, string Body) Ended(string? answeredBy) => answeredBy is not null
        ? (De ? $"Angenommen von {CustomerNameText.Clean(answeredBy)}" : $"Answered by {CustomerNameText.Clean(answeredBy)}",
           De ? $"Der Anruf von {Name} bei {Location} wurde angenommen." : $"The call from {Name} at {Location} was answered.")
        : (De ? "Verpasster Anruf" : "Missed call",
           De ? $"{Name} hat bei {Location} angerufen." : $"{Name} called {Location}.");

    /// <summary>The notification that replaces the accepting seller's when they did not join in time and the call rang the others again.</summary>
    public (string Title, string Body) PassedOn => De
        ? ("Anruf weitergegeben", $"Sie sind dem Anruf von {Name} bei {Location} nicht rechtzeitig beigetreten. Ihre Kollegen werden angerufen.")
        : ("Call passed on", $"You did not join the call from {Name} at {Location} in time. It is ringing your colleagues.");

    /// <summary>
    /// "Video call (BRAND): NAME is waiting at LOCATION. Accept: LINK" in at most <see cref="MaxSmsSegments"/> messages:
    /// without the brand if need be, then without "Video call:", then with the longer of name and location shortened,
    /// down to 10 characters each (a UCS-2 name with a very long public address may still take a third). The link is
    /// never cut.
    /// </summary>
    public string Sms(string link)
    {
        var brand = CustomerNameText.Clean(BrandName);
        var name = CustomerNameText.Defused(CustomerName);
        var location = Location;
        var label = De ? "Videoanruf" : "Video call";
        var (nameLength, locationLength) = (Math.Min(CustomerNameText.MessageLength, Length(name)), Length(location));
        foreach (var head in new[] { brand.Length > 0 ? $"{label} ({CustomerNameText.Shorten(brand, BrandLength, "...")})" : label, label })
        {
            var text = Compose(head, name, nameLength, location, locationLength, link);
            if (SmsSegments.Count(text) <= MaxSmsSegments) return text;
        }
        while (true)
        {
            var text = Compose(null, name, nameLength, location, locationLength, link);
            if (SmsSegments.Count(text) <= MaxSmsSegments || (nameLength <= ShortestName && locationLength <= ShortestLocation)) return text;
            if (locationLength > ShortestLocation && (locationLength >= nameLength || nameLength <= ShortestName)) locationLength--;
            else nameLength--;
        }
    }

    /// <summary>Cut with three dots while the SMS is GSM-7: "…" would make it all UCS-2 (70 characters a message instead of 160).</summary>
    private string Compose(string? head, string name, int nameLength, string location, int locationLength, string link)
    {
        var text = Compose(head, name, nameLength, location, locationLength, link, "...");
        return SmsSegments.IsGsm7(text) ? text : Compose(head, name, nameLength, location, locationLength, link, "…");
    }

    private string Compose(string? head, string name, int nameLength, string location, int locationLength, string link, string ellipsis)
    {
        var prefix = head is null ? "" : head + ": ";
        var (n, l) = (CustomerNameText.Shorten(name, nameLength, ellipsis), CustomerNameText.Shorten(location, locationLength, ellipsis));
        return De ? $"{prefix}{n} wartet bei {l}. Annehmen: {link}" : $"{prefix}{n} is waiting at {l}. Accept: {link}";
    }

    private static int Length(string text) => new StringInfo(text).LengthInTextElements;

    public EmailContent Email(string link) => De
        ? new EmailContent($"Eingehender Videoanruf: {Name} wartet bei {Location}", "Eingehender Videoanruf",
            [$"{Name} wartet bei {Location} auf einen Videoanruf.",
             "„Anruf annehmen“ öffnet den Anruf auf diesem Gerät: ein Tipp auf „Annehmen“, und Sie sind im Gespräch (wo Sie angemeldet sind, sofort). Das geht einmal und nur, solange der Anruf klingelt.",
             "Heute nicht im Dienst? Mit „Ich bin heute abwesend“ erreichen Sie keine weiteren Anrufe, bis Sie wieder verfügbar sind."],
            "Anruf annehmen", link, "Ich bin heute abwesend", AwayLink(link))
        : new EmailContent($"Incoming video call: {Name} is waiting at {Location}", "Incoming video call",
            [$"{Name} is waiting for a video call at {Location}.",
             "“Accept the call” opens the call on this device: one tap on “Accept” and you are in (at once where you are signed in). It works once, and only while the call is ringing.",
             "Not working today? With “I'm away for today” no more calls reach you until you are available again."],
            "Accept the call", link, "I'm away for today", AwayLink(link));

    /// <summary>
    /// The email's "I'm away for today" link: the seller's accept page with the away action first (<c>?away=1</c>); the
    /// page's own away button (a POST with a tap, so a mail scanner opening the link changes nothing) takes it from there.
    /// </summary>
    public static string AwayLink(string acceptLink) => acceptLink + "?away=1";
}
