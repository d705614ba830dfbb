using LiveCall.Core.Users;

namespace LiveCall.Tests.Users;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("Abcdef1!", true)]
    [InlineData("Ünïcödé9?", true)]
    [InlineData("abcdef1!", false)]   // no upper case
    [InlineData("ABCDEF1!", false)]   // no lower case
    [InlineData("Abcdefg!", false)]   // no digit
    [InlineData("Abcdefg1", false)]   // no special character
    [InlineData("Abc1!", false)]      // too short
    [InlineData("", false)]
    public void IsValid_FollowsTheProductRules(string password, bool expected) =>
        Assert.Equal(expected, PasswordRules.IsValid(password));

    [Fact]
    public void Broken_NamesEveryRuleThatFails() =>
        Assert.Equal([PasswordRule.MinLength, PasswordRule.Upper, PasswordRule.Digit, PasswordRule.Special], PasswordRules.Broken("abc"));

    [Fact]
    public void Strength_GrowsFromEmptyToStrong()
    {
        Assert.Equal(0, PasswordRules.Strength(""));
        Assert.True(PasswordRules.Strength("abc") < PasswordRules.Strength("Abcdef1!"));
        Assert.Equal(3, PasswordRules.Strength("Abcdef1!"));
        Assert.Equal(4, PasswordRules.Strength("Abcdef1!xyz-Long"));
    }
}
