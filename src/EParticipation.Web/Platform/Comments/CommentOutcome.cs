namespace EParticipation.Web.Platform.Comments;

public enum CommentOutcome
{
    Done,
    AlreadyDone,
    NotFound,

    /// <summary>The item no longer takes comments, or the comment can no longer be changed.</summary>
    NotAllowed,

    /// <summary>Another moderator decided first.</summary>
    Conflict,
}

public sealed record CommentResult(CommentOutcome Outcome, ThreadComment? Comment = null)
{
    public bool Succeeded => Outcome is CommentOutcome.Done or CommentOutcome.AlreadyDone;
}

/// <summary>A pending or hidden comment in the moderation queue, with the item it belongs to.</summary>
public sealed record QueuedComment(ThreadComment Comment, CommentThreadInfo? Thread, IReadOnlyList<Moderation.OpenReport> Reports);
