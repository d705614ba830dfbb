using Bunit;
using LiveCall.App.Calls.Incoming;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Calls.Incoming;

public sealed class IncomingCallToastTests : MudTestContext
{
    private static readonly DateTime Created = TestClock.Start.UtcDateTime;
    private static readonly DateTimeOffset TwelveSecondsLater = new(Created.AddSeconds(12));

    private IRenderedComponent<IncomingCallToast> RenderToast(RingToast toast, Action<RingToast>? accept = null, Action<RingToast>? decline = null, bool audioLocked = false) =>
        Render<IncomingCallToast>(p => p
            .Add(t => t.Toast, toast)
            .Add(t => t.Now, TwelveSecondsLater)
            .Add(t => t.AudioLocked, audioLocked)
            .Add(t => t.OnAccept, accept ?? (_ => { }))
            .Add(t => t.OnDecline, decline ?? (_ => { })));

    [Fact]
    public void Ringing_ShowsTheCallerLiterally_TheLocation_TheWaitingTime_AndBothButtons()
    {
        var toast = new RingToast(Guid.NewGuid(), "<script>alert(1)</script>", "Downtown", Created);
        RingToast? accepted = null, declined = null;

        var cut = RenderToast(toast, t => accepted = t, t => declined = t);

        Assert.Equal("<script>alert(1)</script>", cut.Find("[data-testid=ring-caller]").TextContent);
        Assert.Empty(cut.FindAll("script"));
        Assert.Equal("Downtown", cut.Find("[data-testid=ring-location]").TextContent);
        Assert.Equal("waiting 0:12", cut.Find("[data-testid=ring-waiting]").TextContent);
        Assert.Equal("alert", cut.Find("[data-testid=ring-toast]").GetAttribute("role"));
        cut.Find("button[data-testid=ring-accept]").Click();
        cut.Find("button[data-testid=ring-decline]").Click();
        Assert.Same(toast, accepted);
        Assert.Same(toast, declined);
        Assert.Contains("Accept", cut.Find("button[data-testid=ring-accept]").TextContent);
        Assert.Contains("Decline", cut.Find("button[data-testid=ring-decline]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=ring-sound-hint]"));
    }

    [Theory]
    [InlineData(0, "waiting 0:00")]
    [InlineData(75, "waiting 1:15")]
    [InlineData(3725, "waiting 1:02:05")]
    public void WaitingTime_IsMinutesAndSeconds(int seconds, string expected)
    {
        var cut = Render<IncomingCallToast>(p => p.Add(t => t.Toast, new RingToast(Guid.NewGuid(), "Clara", "Downtown", Created))
            .Add(t => t.Now, new DateTimeOffset(Created.AddSeconds(seconds))));
        Assert.Equal(expected, cut.Find("[data-testid=ring-waiting]").TextContent);
    }

    [Fact]
    public void WhileAcceptRuns_TheButtonsAreDisabled()
    {
        var cut = RenderToast(new RingToast(Guid.NewGuid(), "Clara", "Downtown", Created) { Busy = true });
        Assert.True(cut.Find("button[data-testid=ring-accept]").HasAttribute("disabled"));
        Assert.True(cut.Find("button[data-testid=ring-decline]").HasAttribute("disabled"));
    }

    [Fact]
    public void Answered_SaysByWhom_AndOffersNoButtons()
    {
        var toast = new RingToast(Guid.NewGuid(), "Clara", "Downtown", Created);
        toast.Answered("<b>Sam</b> Seller", TwelveSecondsLater);

        var cut = RenderToast(toast);

        Assert.Equal("Answered by <b>Sam</b> Seller", cut.Find("[data-testid=ring-answered]").TextContent);
        Assert.Empty(cut.FindAll("b"));
        Assert.Empty(cut.FindAll("button"));
        Assert.Empty(cut.FindAll("[data-testid=ring-waiting]"));
    }

    [Fact]
    public void Missed_SaysFromWhom()
    {
        var toast = new RingToast(Guid.NewGuid(), "Clara", "Downtown", Created);
        toast.Missed(TwelveSecondsLater);
        Assert.Equal("Missed call from Clara", RenderToast(toast).Find("[data-testid=ring-missed]").TextContent);
    }

    [Fact]
    public void BeforeTheFirstClick_HintsHowToEnableTheRingtone() =>
        Assert.Equal("Click anywhere to enable the ringtone",
            RenderToast(new RingToast(Guid.NewGuid(), "Clara", "Downtown", Created), audioLocked: true).Find("[data-testid=ring-sound-hint]").TextContent.Trim());
}
