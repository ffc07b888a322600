namespace EParticipation.Web.Platform.Notifications;

/// <summary>
/// What a module tells the platform about one kind of followed item (consultations, later ideas and
/// cases): the titles and addresses of the items a participant follows, for the list of follows
/// under the account. Only kinds with a registered module appear in the notification preferences.
/// </summary>
public interface IFollowedItems
{
    /// <summary>One of <see cref="FollowKinds"/>.</summary>
    string Kind { get; }

    /// <summary>The items that still exist among these ids; a missing id is an item that is gone.</summary>
    Task<IReadOnlyList<FollowedItem>> DescribeAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken = default);
}
