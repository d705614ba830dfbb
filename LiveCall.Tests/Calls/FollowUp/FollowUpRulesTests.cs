using LiveCall.Core.Admin;
using LiveCall.Core.Calls.FollowUp;

namespace LiveCall.Tests.Calls.FollowUp;

public sealed class FollowUpRulesTests
{
    private static GuestInvitationInput Sms(string? name, string? number) => new(InvitationChannel.Sms, name, number);
    private static GuestInvitationInput Email(string? name, string? address) => new(InvitationChannel.Email, name, address);

    [Theory]
    [InlineData("0151 12345678")]
    [InlineData("0151/123 456 78")]
    [InlineData("+49 (151) 1234-5678")]
    [InlineData("  +4915112345678 ")]
    public void Sms_LocalAndInternationalFormats_AreNormalisedToE164(string number)
    {
        var (errors, guests) = FollowUpRules.Check([Sms("Max", number)], "DE");
        Assert.True(errors.IsValid);
        Assert.Equal("+4915112345678", guests.Single().Contact);
    }

    [Theory]
    [InlineData("0151 1234567X", FollowUpRules.MobileInvalid)]
    [InlineData("030 12345678", FollowUpRules.MobileInvalid)]  // a landline cannot receive an SMS
    [InlineData("max@example.com", FollowUpRules.MobileInvalid)]
    [InlineData("", ErrorKeys.Required)]
    public void Sms_WithoutAMobileNumber_IsRefused(string number, string error) =>
        Assert.Equal(error, FollowUpRules.Check([Sms("Max", number)], "DE").Errors.For(0, FollowUpRules.ContactField));

    [Theory]
    [InlineData("Max <max@example.com>")]
    [InlineData("max@example")]
    [InlineData("0151 12345678")]
    public void Email_AcceptsOnlyAPlainAddress(string address) =>
        Assert.Equal(FollowUpRules.EmailInvalid, FollowUpRules.Check([Email("Max", address)], "DE").Errors.For(0, FollowUpRules.ContactField));

    [Fact]
    public void TheSameGuestTwice_IsMarkedOnTheSecondRow()
    {
        var (errors, guests) = FollowUpRules.Check([Sms("Max", "0151 12345678"), Sms("Maxi", "+49 151 12345678")], "DE");
        Assert.Null(errors.For(0, FollowUpRules.ContactField));
        Assert.Equal(FollowUpRules.Duplicate, errors.For(1, FollowUpRules.ContactField));
        Assert.Empty(guests);
    }

    [Fact]
    public void FiftyRows_AreRefusedAsAWhole()
    {
        var rows = Enumerable.Range(0, 50).Select(i => Email($"Guest {i}", $"g{i}@example.com")).ToList();
        var (errors, guests) = FollowUpRules.Check(rows, "DE");
        Assert.Equal(FollowUpRules.TooManyGuests, errors.Form);
        Assert.Empty(guests);
    }

    [Fact]
    public void NoRows_AreRefused() =>
        Assert.Equal(FollowUpRules.NoGuests, FollowUpRules.Check([], "DE").Errors.Form);

    [Fact]
    public void MissingName_IsRequired() =>
        Assert.Equal(ErrorKeys.Required, FollowUpRules.Check([Email("  ", "max@example.com")], "DE").Errors.For(0, FollowUpRules.NameField));
}
