using Bunit;
using LiveCall.App.Calls.FollowUp;
using LiveCall.Core.Calls.FollowUp;
using LiveCall.Tests.Support;
using MudBlazor;

namespace LiveCall.Tests.Calls.FollowUp;

public sealed class FollowUpFormTests : MudTestContext
{
    private readonly List<FollowUpRowModel> _rows = [new()];
    private readonly List<IReadOnlyList<GuestInvitation>> _started = [];

    private IRenderedComponent<MudPopoverProvider> _popovers = default!;

    private IRenderedComponent<FollowUpForm> RenderForm()
    {
        _popovers = Render<MudPopoverProvider>();
        return Render<FollowUpForm>(p => p
            .Add(f => f.Rows, _rows)
            .Add(f => f.DefaultRegion, "DE")
            .Add(f => f.OnStart, guests => { _started.Add(guests); return Task.FromResult<string?>(null); }));
    }

    private static void Type(IRenderedComponent<FollowUpForm> form, string testId, int row, string value) =>
        form.FindAll($"input[data-testid={testId}]")[row].Input(value);

    private static string RowText(IRenderedComponent<FollowUpForm> form, int row) => form.FindAll("[data-testid=followup-row]")[row].TextContent;

    private static bool StartDisabled(IRenderedComponent<FollowUpForm> form) => form.Find("[data-testid=followup-start]").HasAttribute("disabled");

    [Fact]
    public void PlusAddsARow_TrashRemovesIt_AndTheLastRowStays()
    {
        var form = RenderForm();
        Assert.Single(form.FindAll("[data-testid=followup-row]"));
        Assert.True(form.Find("button[data-testid=followup-remove]").HasAttribute("disabled"));

        form.Find("button[data-testid=followup-add]").Click();
        form.Find("button[data-testid=followup-add]").Click();
        Assert.Equal(3, form.FindAll("[data-testid=followup-row]").Count);

        form.FindAll("button[data-testid=followup-remove]")[1].Click();
        Assert.Equal(2, form.FindAll("[data-testid=followup-row]").Count);
    }

    [Fact]
    public void Plus_StopsAtFiveParticipants()
    {
        var form = RenderForm();
        for (var i = 0; i < 6; i++)
            if (!form.Find("button[data-testid=followup-add]").HasAttribute("disabled")) form.Find("button[data-testid=followup-add]").Click();
        Assert.Equal(5, form.FindAll("[data-testid=followup-row]").Count);
        Assert.True(form.Find("button[data-testid=followup-add]").HasAttribute("disabled"));
    }

    [Fact]
    public void StartCall_IsDisabledUntilEveryRowIsValid()
    {
        var form = RenderForm();
        Assert.True(StartDisabled(form));

        Type(form, "followup-name", 0, "Max Mustermann");
        Type(form, "followup-contact", 0, "0151 12345678");
        Assert.False(StartDisabled(form));

        form.Find("button[data-testid=followup-add]").Click();
        Assert.True(StartDisabled(form)); // the new row is empty
    }

    [Fact]
    public void EachRowShowsItsOwnMessage()
    {
        _rows.Add(new FollowUpRowModel { Channel = InvitationChannel.Email });
        var form = RenderForm();
        Type(form, "followup-contact", 0, "0151 1234567X");
        Type(form, "followup-contact", 1, "Max <max@example.com>");

        Assert.Contains("Enter a mobile number", RowText(form, 0));
        Assert.Contains("Enter only the email address", RowText(form, 1));
        Assert.DoesNotContain("Enter only the email address", RowText(form, 0));
    }

    [Fact]
    public void SwitchingToEmail_ChangesWhatIsExpected()
    {
        _rows[0].Name = "Max";
        var form = RenderForm();
        Assert.Contains("Mobile number, e.g.", RowText(form, 0));
        Type(form, "followup-contact", 0, "max@example.com");
        Assert.Contains("Enter a mobile number", RowText(form, 0));
        Assert.True(StartDisabled(form));

        form.Find("[data-testid=followup-row] .mud-select .mud-input-control-input-container").MouseDown();
        _popovers.WaitForAssertion(() => Assert.NotEmpty(_popovers.FindAll(".mud-list-item")));
        _popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "Email").Click();

        form.WaitForAssertion(() =>
        {
            Assert.Equal(InvitationChannel.Email, _rows[0].Channel);
            Assert.DoesNotContain("Enter a mobile number", RowText(form, 0));
            Assert.False(StartDisabled(form));
        });
    }

    [Fact]
    public void StartCall_HandsOverTheNormalisedGuests()
    {
        _rows[0].Name = "Max";
        _rows[0].Contact = "0151 12345678";
        _rows.Add(new FollowUpRowModel { Channel = InvitationChannel.Email, Name = "Erika", Contact = "erika@example.com" });
        var form = RenderForm();

        form.Find("button[data-testid=followup-start]").Click();

        var guests = Assert.Single(_started);
        Assert.Equal([new GuestInvitation(InvitationChannel.Sms, "Max", "+4915112345678"), new GuestInvitation(InvitationChannel.Email, "Erika", "erika@example.com")], guests);
    }

    [Fact]
    public void TheNoteAboutUnconfirmedReceipt_IsShown() =>
        Assert.Contains("no way to know whether the link was received", RenderForm().Find("[data-testid=followup-note]").TextContent);
}
