namespace LiveCall.Core.Admin;

/// <summary>Message keys for field errors (the UI's resource files have a text for each).</summary>
public static class ErrorKeys
{
    public const string Required = "Error.Required";
    public const string TooLong = "Error.TooLong";
    public const string EmailInvalid = "Error.EmailInvalid";
    public const string EmailTaken = "Error.EmailTaken";
    public const string MobileInvalid = "Error.MobileInvalid";
    public const string SlugInvalid = "Error.SlugInvalid";
    public const string SlugTaken = "Error.SlugTaken";
    public const string CountryInvalid = "Error.CountryInvalid";
    public const string TimeZoneUnknown = "Error.TimeZoneUnknown";
    public const string RingTimeoutRange = "Error.RingTimeoutRange";
    public const string EscalationDelayRange = "Error.EscalationDelayRange";
    public const string ShiftLengthRange = "Error.ShiftLengthRange";
    public const string AcceptDeadlineRange = "Error.AcceptDeadlineRange";
    public const string OpeningHoursInvalid = "Error.OpeningHoursInvalid";
    public const string RoleNotAllowed = "Error.RoleNotAllowed";
    public const string LocationRequired = "Error.LocationRequired";
    public const string DealerRequired = "Error.DealerRequired";
    public const string LanguageInvalid = "Error.LanguageInvalid";
    public const string ColorInvalid = "Error.ColorInvalid";
    public const string LogoTooLarge = "Error.LogoTooLarge";
    public const string LogoNotImage = "Error.LogoNotImage";
    public const string PasswordRules = "Error.PasswordRules";
    public const string PasswordMismatch = "Error.PasswordMismatch";
    public const string CannotDeactivateSelf = "Error.CannotDeactivateSelf";
}
