using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfGate.Core.GitHub;

/// <summary>
/// The REST bodies PerfGate sends and reads, with metadata from System.Text.Json's source generator (no reflection:
/// the Native AOT binary runs the same code). GitHub's conventions: snake_case names, read case-insensitively, numbers
/// accepted as strings (<see cref="JsonSerializerDefaults.Web"/>); nulls are sent as null.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<IssueComment>))]
[JsonSerializable(typeof(IssueComment))]
[JsonSerializable(typeof(IssueCommentsClient.CommentBody))]
[JsonSerializable(typeof(GitHubUser))]
[JsonSerializable(typeof(NewCommitStatus))]
[JsonSerializable(typeof(CommitStatus))]
[JsonSerializable(typeof(List<AcceptLabelCheck.PullRequestInfo>))]
[JsonSerializable(typeof(List<AcceptLabelCheck.IssueEvent>))]
[JsonSerializable(typeof(AcceptLabelCheck.CollaboratorPermission))]
internal sealed partial class GitHubJson : JsonSerializerContext;
