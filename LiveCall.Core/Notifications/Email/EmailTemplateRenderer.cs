using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace LiveCall.Core.Notifications.Email;

/// <summary>Renders branded HTML and plain-text bodies in English or German. Every value is encoded.</summary>
public static partial class EmailTemplateRenderer
{
    public const string DefaultColor = "#1565c0";

    public static RenderedEmail Render(EmailBrand brand, EmailContent content, string language)
    {
        var de = language.StartsWith("de", StringComparison.OrdinalIgnoreCase);
        var footer = string.Format(de ? "Diese Nachricht wurde von {0} über LiveCall gesendet." : "This message was sent by {0} via LiveCall.", brand.DisplayName);
        var linkHint = de ? "Falls die Schaltfläche nicht funktioniert, öffnen Sie diesen Link:" : "If the button does not work, open this link:";
        return new RenderedEmail(content.Subject, Html(brand, content, footer, linkHint, de), Text(content, footer));
    }

    private static string Html(EmailBrand brand, EmailContent content, string footer, string linkHint, bool de)
    {
        var h = HtmlEncoder.Default;
        var color = ColorPattern().IsMatch(brand.PrimaryColor) ? brand.PrimaryColor : DefaultColor;
        var sb = new StringBuilder();
        sb.Append($"<!DOCTYPE html><html lang=\"{(de ? "de" : "en")}\"><head><meta charset=\"utf-8\"><title>{h.Encode(content.Subject)}</title></head>");
        sb.Append("<body style=\"margin:0;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#222\">");
        sb.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td align=\"center\" style=\"padding:24px\">");
        sb.Append("<table role=\"presentation\" width=\"560\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#fff;border-radius:6px\">");
        sb.Append($"<tr><td style=\"background:{color};padding:16px 24px;color:#fff;font-size:18px;font-weight:bold\">");
        if (IsHttpsUrl(brand.LogoUrl))
            sb.Append($"<img src=\"{h.Encode(brand.LogoUrl!)}\" alt=\"{h.Encode(brand.DisplayName)}\" height=\"40\" style=\"display:block;margin-bottom:8px\">");
        sb.Append($"{h.Encode(brand.DisplayName)}</td></tr>");
        sb.Append($"<tr><td style=\"padding:24px\"><h1 style=\"font-size:20px;margin:0 0 16px\">{h.Encode(content.Heading)}</h1>");
        foreach (var p in content.Paragraphs) sb.Append($"<p style=\"margin:0 0 12px;line-height:1.5\">{h.Encode(p)}</p>");
        if (content.ActionText is not null && IsHttpUrl(content.ActionUrl))
        {
            var url = h.Encode(content.ActionUrl!);
            sb.Append($"<p style=\"margin:24px 0\"><a href=\"{url}\" style=\"background:{color};color:#fff;padding:12px 20px;border-radius:4px;text-decoration:none;display:inline-block\">{h.Encode(content.ActionText)}</a></p>");
            if (content.SecondaryText is not null && IsHttpUrl(content.SecondaryUrl))
                sb.Append($"<p style=\"margin:0 0 24px\"><a href=\"{h.Encode(content.SecondaryUrl!)}\" style=\"color:#222;text-decoration:underline\">{h.Encode(content.SecondaryText)}</a></p>");
            sb.Append($"<p style=\"font-size:12px;color:#666\">{h.Encode(linkHint)}<br><a href=\"{url}\">{url}</a></p>");
        }
        sb.Append($"</td></tr><tr><td style=\"padding:16px 24px;font-size:12px;color:#888\">{h.Encode(footer)}</td></tr>");
        sb.Append("</table></td></tr></table></body></html>");
        return sb.ToString();
    }

    private static string Text(EmailContent content, string footer)
    {
        var sb = new StringBuilder();
        sb.Append(content.Heading).Append("\n\n");
        foreach (var p in content.Paragraphs) sb.Append(p).Append("\n\n");
        if (content.ActionText is not null && IsHttpUrl(content.ActionUrl)) sb.Append(content.ActionText).Append(": ").Append(content.ActionUrl).Append("\n\n");
        if (content.SecondaryText is not null && IsHttpUrl(content.SecondaryUrl)) sb.Append(content.SecondaryText).Append(": ").Append(content.SecondaryUrl).Append("\n\n");
        sb.Append("-- \n").Append(footer).Append('\n');
        return sb.ToString();
    }

    private static bool IsHttpsUrl(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps;
    private static bool IsHttpUrl(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();
}
