using Microsoft.Playwright;

namespace LiveCall.Tests.Support;

/// <summary>
/// Records every Content-Security-Policy violation of a browser context's pages (the <c>securitypolicyviolation</c> event,
/// which fires for whatever the policy blocked or would have blocked) in <c>window.__cspViolations</c>. The drivers
/// install it on every context they make, so any browser test can ask.
/// </summary>
public static class CspWatch
{
    private const string Script = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
        """;

    public static Task InstallAsync(IBrowserContext context) => context.AddInitScriptAsync(Script);

    /// <summary>The violations on the page's current document so far.</summary>
    public static async Task<string[]> ViolationsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => window.__cspViolations ?? ['the CSP watch is not installed on this page']");
}
