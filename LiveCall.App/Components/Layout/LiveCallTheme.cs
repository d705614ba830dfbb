using MudBlazor;

namespace LiveCall.App.Components.Layout;

public static class LiveCallTheme
{
    /// <summary>
    /// The status colours are the Material shades dark enough for white text on them and for text in them on white
    /// (WCAG AA, 4.5:1): MudBlazor's defaults (green #00c853, blue #2196f3, orange #ff9800, red #f44336) are not.
    /// </summary>
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00897b",
            AppbarBackground = "#0d47a1",
            Background = "#f5f7fa",
            Success = "#2e7d32",
            Info = "#0277bd",
            Warning = "#b85000",
            Error = "#d32f2f",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
