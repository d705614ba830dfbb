using System.Globalization;

namespace LiveCall.App.Localization;

/// <summary>
/// The circuit's UI language, captured while the component initialises. Work pushed in from the live bus or a timer
/// runs on the publisher's thread, whose culture is not the seller's: it renders in the captured one instead.
/// </summary>
internal readonly record struct CircuitCulture(CultureInfo Culture, CultureInfo UiCulture)
{
    public static CircuitCulture Capture() => new(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    public void Apply()
    {
        CultureInfo.CurrentCulture = Culture;
        CultureInfo.CurrentUICulture = UiCulture;
    }
}
