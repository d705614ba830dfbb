using LiveCall.Core.Admin;
using LiveCall.Core.Users;

namespace LiveCall.Core.Calls.Incoming;

/// <summary>What a customer typed on the entry page or the callback form.</summary>
public sealed record CustomerContactInput(string? Name, string? Phone, string? Email, string? Note = null);

/// <summary>The same, checked and normalised: the phone in E.164, the email trimmed.</summary>
public sealed record CustomerContact(string Name, string? Phone, string? Email, string? Note);

/// <summary>
/// The customer's fields, the same rules in the page and at every endpoint: a name (1–80 characters of visible text, see
/// <see cref="CustomerNameText.Clean"/>), an optional phone number (read in the location's country) and an optional
/// plain email address; a callback request needs at least one of the two.
/// </summary>
public static class CustomerContactRules
{
    public const int MaxNameLength = 80;
    public const string NameField = "name";
    public const string PhoneField = "phone";
    public const string EmailField = "email";
    public const string NoteField = "note";
    public const string ContactNeeded = "Incoming.Error.ContactNeeded";

    public static (IReadOnlyDictionary<string, string> Errors, CustomerContact? Contact) Check(CustomerContactInput input, string? defaultRegion, bool requireContact)
    {
        var errors = new Dictionary<string, string>();
        var name = CustomerNameText.Clean(input.Name); // no bidi, zero-width or control characters in what is stored
        if (name.Length == 0) errors[NameField] = ErrorKeys.Required;
        else if (name.Length > MaxNameLength) errors[NameField] = ErrorKeys.TooLong;

        string? phone = null;
        var phoneInput = input.Phone?.Trim() ?? "";
        if (phoneInput.Length > 0 && !PhoneNormalizer.TryNormalize(phoneInput, defaultRegion, out phone!)) errors[PhoneField] = ErrorKeys.MobileInvalid;

        var email = input.Email?.Trim() ?? "";
        if (email.Length > 0 && !Validate.IsEmail(email)) errors[EmailField] = ErrorKeys.EmailInvalid;

        var note = input.Note?.Trim() ?? "";
        if (note.Length > CallbackRequest.MaxNoteLength) errors[NoteField] = ErrorKeys.TooLong;

        if (requireContact && phoneInput.Length == 0 && email.Length == 0) errors[PhoneField] = ContactNeeded;
        return errors.Count > 0
            ? (errors, null)
            : (errors, new CustomerContact(name, phone, email.Length > 0 ? email : null, note.Length > 0 ? note : null));
    }
}
