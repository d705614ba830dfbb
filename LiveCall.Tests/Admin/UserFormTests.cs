using Bunit;
using LiveCall.App.Admin;
using LiveCall.App.Admin.Users;
using LiveCall.Core.Admin;
using LiveCall.Core.Dealers;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using MudBlazor;

namespace LiveCall.Tests.Admin;

public sealed class UserFormTests : MudTestContext
{
    private static readonly LocationRow Downtown = new(Guid.NewGuid(), Guid.NewGuid(), "Demo Motors", "Downtown", "downtown", "DE", "Europe/Berlin", 60);
    private readonly List<UserFormModel> _submitted = [];
    private IReadOnlyDictionary<string, string> _serverAnswer = new Dictionary<string, string>();

    private IRenderedComponent<UserForm> RenderForm(UserFormModel? model = null)
    {
        Render<MudPopoverProvider>();
        return Render<UserForm>(p => p
            .Add(f => f.Model, model ?? new UserFormModel { LocationId = Downtown.Id })
            .Add(f => f.AllowedRoles, [StaffRole.Seller, StaffRole.LocationAdmin])
            .Add(f => f.Locations, [Downtown])
            .Add(f => f.SubmitLabel, "Create user")
            .Add(f => f.OnSubmit, m => { _submitted.Add(m); return Task.FromResult(_serverAnswer); }));
    }

    private static string FieldText(IRenderedComponent<UserForm> form, string testId) =>
        form.Find($"input[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;

    private static void Type(IRenderedComponent<UserForm> form, string testId, string value) =>
        form.Find($"input[data-testid={testId}]").Change(value);

    [Fact]
    public void Save_IsDisabledUntilTheRequiredFieldsAreValid()
    {
        var form = RenderForm();
        Assert.True(form.Find("[data-testid=user-save]").HasAttribute("disabled"));

        Type(form, "user-name", "Sam Seller");
        Type(form, "user-email", "sam@demo.test");

        form.WaitForAssertion(() => Assert.False(form.Find("[data-testid=user-save]").HasAttribute("disabled")));
    }

    [Fact]
    public void InvalidEmail_ShowsAMessageBesideTheField()
    {
        var form = RenderForm();
        Type(form, "user-email", "sam at demo");
        form.WaitForAssertion(() => Assert.Contains("Enter a valid email address.", FieldText(form, "user-email")));
    }

    [Fact]
    public void InvalidMobile_ShowsAMessage_AndALocalNumberIsAccepted()
    {
        var form = RenderForm();
        Type(form, "user-mobile", "0151 1234567X");
        form.WaitForAssertion(() => Assert.Contains("valid mobile number", FieldText(form, "user-mobile")));

        Type(form, "user-mobile", "0151 12345678");
        form.WaitForAssertion(() => Assert.DoesNotContain("valid mobile number", FieldText(form, "user-mobile")));
    }

    [Fact]
    public void ServerAnswer_IsShownBesideTheField()
    {
        _serverAnswer = new Dictionary<string, string> { [nameof(UserInput.Email)] = ErrorKeys.EmailTaken };
        var form = RenderForm(new UserFormModel { DisplayName = "Sam", Email = "seller1@livecall.demo", LocationId = Downtown.Id });
        form.WaitForAssertion(() => Assert.False(form.Find("[data-testid=user-save]").HasAttribute("disabled")));

        form.Find("[data-testid=user-save]").Click();

        form.WaitForAssertion(() => Assert.Contains("already belongs to another user", FieldText(form, "user-email")));
        Assert.Single(_submitted);
    }

    [Fact]
    public void MissingLocation_KeepsSaveDisabled()
    {
        var form = RenderForm(new UserFormModel { DisplayName = "Sam", Email = "sam@demo.test", LocationId = null });
        form.Find("[data-testid=user-save]").Click();
        Assert.Empty(_submitted);
    }
}
