namespace LiveCall.Core.Notifications.Email;

/// <summary>The branding an email is rendered with (from the effective dealer/location branding).</summary>
/// <param name="PrimaryColor">"#rrggbb"; anything else falls back to the default colour.</param>
/// <param name="LogoUrl">An absolute https URL of the logo, or null for none.</param>
public sealed record EmailBrand(string DisplayName, string PrimaryColor, string? LogoUrl);

/// <summary>What an email says: a heading, paragraphs, an optional button and an optional second, plainer link below it.</summary>
public sealed record EmailContent(string Subject, string Heading, IReadOnlyList<string> Paragraphs, string? ActionText = null, string? ActionUrl = null,
    string? SecondaryText = null, string? SecondaryUrl = null);

/// <summary>A rendered email, ready for <see cref="EmailRequest"/>.</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text);
