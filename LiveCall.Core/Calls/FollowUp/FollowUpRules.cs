using LiveCall.Core.Admin;
using LiveCall.Core.Users;

namespace LiveCall.Core.Calls.FollowUp;

/// <summary>Per-row field errors of the FollowUp form (message keys), by row index and field.</summary>
public sealed record FollowUpErrors(IReadOnlyDictionary<(int Row, string Field), string> Fields, string? Form)
{
    public bool IsValid => Fields.Count == 0 && Form is null;
    public string? For(int row, string field) => Fields.TryGetValue((row, field), out var key) ? key : null;
}

/// <summary>
/// The FollowUp form's rules, the same in the browser form and at the service: 1 to 5 guests, a name per
/// row, a mobile number valid for its country (local numbers read in the location's country) for SMS,
/// a plain address for email, and nobody invited twice.
/// </summary>
public static class FollowUpRules
{
    public const int MaxGuests = 5;
    public const int MaxNameLength = 80;

    public const string NameField = "Name";
    public const string ContactField = "Contact";

    public const string TooManyGuests = "FollowUp.Error.TooMany";
    public const string NoGuests = "FollowUp.Error.NoGuests";
    public const string EmailInvalid = "FollowUp.Error.Email";
    public const string MobileInvalid = "FollowUp.Error.Mobile";
    public const string Duplicate = "FollowUp.Error.Duplicate";

    public static (FollowUpErrors Errors, IReadOnlyList<GuestInvitation> Guests) Check(IReadOnlyList<GuestInvitationInput> rows, string? defaultRegion)
    {
        if (rows.Count == 0) return (new FollowUpErrors(new Dictionary<(int, string), string>(), NoGuests), []);
        if (rows.Count > MaxGuests) return (new FollowUpErrors(new Dictionary<(int, string), string>(), TooManyGuests), []);

        var errors = new Dictionary<(int, string), string>();
        var guests = new List<GuestInvitation>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var name = row.Name?.Trim() ?? "";
            if (name.Length == 0) errors[(i, NameField)] = ErrorKeys.Required;
            else if (name.Length > MaxNameLength) errors[(i, NameField)] = ErrorKeys.TooLong;

            var contact = Normalize(row, defaultRegion, out var contactError);
            if (contactError is not null) errors[(i, ContactField)] = contactError;
            else if (!seen.Add(contact!)) errors[(i, ContactField)] = Duplicate;

            if (!errors.ContainsKey((i, NameField)) && contact is not null && !errors.ContainsKey((i, ContactField)))
                guests.Add(new GuestInvitation(row.Channel, name, contact));
        }
        return (new FollowUpErrors(errors, null), errors.Count == 0 ? guests : []);
    }

    /// <summary>The contact of one row in its normal form, or an error key.</summary>
    public static string? Normalize(GuestInvitationInput row, string? defaultRegion, out string? error)
    {
        error = null;
        var contact = row.Contact?.Trim() ?? "";
        if (contact.Length == 0)
        {
            error = ErrorKeys.Required;
            return null;
        }
        switch (row.Channel)
        {
            case InvitationChannel.Sms when PhoneNormalizer.TryNormalizeMobile(contact, defaultRegion, out var e164):
                return e164;
            case InvitationChannel.Sms:
                error = MobileInvalid;
                return null;
            case InvitationChannel.Email when Validate.IsEmail(contact):
                return contact;
            case InvitationChannel.Email:
                error = EmailInvalid;
                return null;
            default:
                error = ErrorKeys.Required;
                return null;
        }
    }
}
