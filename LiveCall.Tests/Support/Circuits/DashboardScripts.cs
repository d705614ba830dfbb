namespace LiveCall.Tests.Support.Circuits;

/// <summary>
/// What the staff pages' scripts answer for a <see cref="HeadlessCircuit"/>, as a browser tab nobody has clicked in
/// would: ringing.js <c>init</c> says the sound is still locked, push-setup.js <c>state</c> says notifications were not
/// granted yet, MudBlazor finds its script loaded (<c>window.hasOwnProperty("mudElementRef")</c>) and its one popover
/// provider. Every other call is answered with null, or a new object reference where one is asked for.
/// </summary>
public static class DashboardScripts
{
    public static IReadOnlyDictionary<string, string> Results { get; } = new Dictionary<string, string>
    {
        ["init"] = "false",
        ["state"] = """{"status":"prompt"}""",
        ["window.hasOwnProperty"] = "true",
        ["mudpopoverHelper.countProviders"] = "1",
    };
}
