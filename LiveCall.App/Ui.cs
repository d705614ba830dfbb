namespace LiveCall.App;

/// <summary>Marker for the UI texts in Resources/Ui.resx (English) and Ui.de.resx (German).</summary>
public sealed class Ui;
