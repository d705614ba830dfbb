namespace LiveCall.Core.Admin;

public enum AdminOutcome { Ok, NotFound, Invalid }

/// <summary>
/// The answer of an admin operation. Out-of-scope ids answer <see cref="AdminOutcome.NotFound"/>,
/// exactly like ids that do not exist. Field errors are message keys, localised by the UI.
/// </summary>
public sealed record AdminResult<T>(AdminOutcome Outcome, T? Value, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Outcome == AdminOutcome.Ok;
    public static AdminResult<T> Ok(T value) => new(AdminOutcome.Ok, value, Empty);
    public static AdminResult<T> NotFound() => new(AdminOutcome.NotFound, default, Empty);
    public static AdminResult<T> Invalid(IReadOnlyDictionary<string, string> errors) => new(AdminOutcome.Invalid, default, errors);
    public static AdminResult<T> Invalid(string field, string error) => Invalid(new Dictionary<string, string> { [field] = error });

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
