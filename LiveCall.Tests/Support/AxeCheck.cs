using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveCall.Tests.Support;

/// <summary>One axe finding: a rule that failed on a page, how bad axe says it is, and where.</summary>
public sealed record AxeFinding(string Page, string Rule, string Impact, string Help, IReadOnlyList<(string Target, string Html)> Nodes)
{
    public bool IsSerious => Impact is "serious" or "critical";

    public override string ToString()
    {
        var text = new StringBuilder($"[{Page}] {Rule} ({Impact}): {Help}");
        foreach (var (target, html) in Nodes) text.Append($"\n    {target}\n      {html}");
        return text.ToString();
    }
}

/// <summary>
/// axe-core (Deque.AxeCore.Playwright, the bundled axe 4.14) over the page as it is now, with the WCAG 2.1 A and AA rules.
/// Serious and critical findings fail; moderate and minor ones go to the test output, to be fixed or explained.
/// </summary>
public static class AxeCheck
{
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>Fails when the page has a serious or critical violation; writes the others to <paramref name="output"/>.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string pageName, ITestOutputHelper? output = null)
    {
        var findings = await RunAsync(page, pageName, output);
        var serious = findings.Where(f => f.IsSerious).ToList();
        Assert.True(serious.Count == 0,
            $"axe found {serious.Sum(f => f.Nodes.Count)} serious or critical violations on {pageName} ({page.Url}):\n" + string.Join("\n", serious));
    }

    /// <summary>Every violation on the page (moderate and minor ones are also written to <paramref name="output"/>).</summary>
    public static async Task<IReadOnlyList<AxeFinding>> RunAsync(IPage page, string pageName, ITestOutputHelper? output = null)
    {
        await SettleAsync(page);
        var result = await page.RunAxe(Options);
        var findings = result.Violations.Select(v => new AxeFinding(pageName, v.Id, v.Impact ?? "unknown", v.Help,
            v.Nodes.Select(n => (string.Join(" ", n.Target?.ToString() ?? ""), Snippet(n.Html))).ToList())).ToList();
        foreach (var finding in findings.Where(f => !f.IsSerious)) output?.WriteLine("axe " + finding);
        return findings;
    }

    /// <summary>Lets finite CSS animations and transitions (menu fade-ins, toasts sliding in) end: axe reads colours mid-fade otherwise.</summary>
    private static async Task SettleAsync(IPage page)
    {
        // Colour transitions end at once: a button the circuit enables while axe runs shows its final colours, never a
        // mix of its disabled and enabled ones (seen on the user and location forms).
        await page.AddStyleTagAsync(new() { Content = "*, *::before, *::after { transition: none !important; }" });
        try
        {
            await page.WaitForFunctionAsync(
                "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)",
                null, new() { PollingInterval = 50, Timeout = 3_000 });
        }
        catch (TimeoutException)
        {
            // Something keeps animating: check the page as it is.
        }
    }

    private static string Snippet(string? html)
    {
        var text = (html ?? "").ReplaceLineEndings(" ");
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
