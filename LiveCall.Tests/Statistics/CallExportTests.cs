using LiveCall.App.Calls;

namespace LiveCall.Tests.Statistics;

public sealed class CallExportTests
{
    [Theory]
    [InlineData("Downtown", "\"Downtown\"")]
    [InlineData("Say \"hi\"", "\"Say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+49 151", "\"'+49 151\"")]
    [InlineData(null, "")]
    public void Csv_QuotesAndNeutralisesFormulas(string? value, string expected) =>
        Assert.Equal(expected, CallExportEndpoint.Csv(value));
}
