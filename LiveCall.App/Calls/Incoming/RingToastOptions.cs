using System.ComponentModel.DataAnnotations;
using LiveCall.Core;

namespace LiveCall.App.Calls.Incoming;

/// <summary>How the dashboard's incoming-call toasts behave, bound from "RingToasts".</summary>
public sealed class RingToastOptions : IValidatableObject
{
    public const string Section = "RingToasts";

    /// <summary>How long "Answered by NAME" / "Missed call" stays on the dashboard before the toast goes away.</summary>
    public TimeSpan EndedToastLifetime { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EndedToastLifetime < TimeSpan.FromSeconds(1) || EndedToastLifetime > TimeSpan.FromMinutes(10))
            yield return ValidatedOptions.Error(Section, nameof(EndedToastLifetime), "must be between 1 second and 10 minutes.");
    }
}
