namespace LiveCall.Core.Statistics;

/// <summary>
/// Today's figures. Null means "no data today" (shown as "—"), never a made-up zero:
/// an average over no calls has no value.
/// </summary>
public sealed record DashboardFigures(
    int ActiveUsers,
    int CallsToday,
    TimeSpan? AverageCallDuration,
    double? AnswerRate,
    TimeSpan? AverageTimeToAnswer);

/// <summary>One hour of the 48-hour chart (UTC hour start).</summary>
public sealed record HourlyCalls(DateTime HourUtc, int Incoming, int Accepted, int Unanswered);

/// <summary>Narrows an admin's scope: a platform admin may pick a dealer, a dealer admin a location.</summary>
public sealed record StatisticsFilter(Guid? DealerId = null, Guid? LocationId = null);
