using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Sarif.Fingerprints;
using Microsoft.CodeAnalysis.Sarif;
using AnalysisLocation = GilScan.Analysis.Diagnostics.Location;
using AnalysisSuppressionKind = GilScan.Analysis.Diagnostics.SuppressionKind;
using SarifLocation = Microsoft.CodeAnalysis.Sarif.Location;
using SarifSuppression = Microsoft.CodeAnalysis.Sarif.Suppression;
using SarifSuppressionKind = Microsoft.CodeAnalysis.Sarif.SuppressionKind;

namespace GilScan.Sarif;

/// <summary>
/// Builds one deterministic SARIF 2.1.0 run from diagnostics (SARIF-CHECKLIST.md §4.1): the object
/// graph is plain data built in a fixed order with no timestamps, then serialised once by
/// <see cref="SarifReport"/>. The same input gives the same bytes.
/// </summary>
public static class SarifLogBuilder
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public static SarifReport Build(SarifRunInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckAutomationId(input.AutomationId);

        var rules = SortedRules(input.Rules);
        var ruleIndex = rules.Select((rule, index) => (rule.Id, index)).ToDictionary(p => p.Id, p => p.index, StringComparer.Ordinal);
        foreach (var diagnostic in input.Diagnostics)
        {
            if (!ruleIndex.ContainsKey(diagnostic.RuleId))
            {
                throw new ArgumentException($"A {diagnostic.RuleId} diagnostic was given, but {diagnostic.RuleId} is not among the rules that ran.", nameof(input));
            }
        }

        var sources = new SourceFileCache(input.Sources ?? new FileSystemSourceReader(input.SourceRoot));
        var ordered = input.Diagnostics.Order(GilScan.Analysis.Engine.DiagnosticComparer.Instance).ToList();
        var fingerprints = Fingerprint(ordered, sources);

        var matched = new HashSet<string>(StringComparer.Ordinal);
        var reported = new List<ReportedResult>(ordered.Count);
        var results = new List<Result>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var diagnostic = ordered[i];
            var (stable, lineHash) = fingerprints[i];
            var result = BuildResult(diagnostic, ruleIndex[diagnostic.RuleId], stable, lineHash);
            var state = CompareWithBaseline(input.Baseline, stable, result, matched);
            result.BaselineState = ToSarif(state);

            var written = input.Profile == SarifProfile.Ide || !diagnostic.IsSuppressed;
            if (written)
            {
                results.Add(result);
            }

            reported.Add(new ReportedResult(diagnostic, stable, lineHash, state, written));
        }

        var (uriRoot, uriPrefix) = UriRootOf(input);
        if (uriPrefix.Length > 0)
        {
            var prefixer = new UriPrefixer(uriPrefix);
            foreach (var result in results)
            {
                prefixer.VisitResult(result);
            }
        }

        var absentCount = 0;
        if (input.Baseline is not null)
        {
            foreach (var (_, old) in input.Baseline.Unmatched(matched))
            {
                absentCount++;
                if (input.Profile == SarifProfile.Ide && old.RuleId is not null && ruleIndex.TryGetValue(old.RuleId, out var index))
                {
                    var absent = old.DeepClone();
                    absent.RuleIndex = index;
                    absent.BaselineState = BaselineState.Absent;
                    results.Add(absent);
                }
            }
        }

        var run = new Run
        {
            Tool = new Tool
            {
                Driver = new ToolComponent
                {
                    Name = input.Tool.Name,
                    SemanticVersion = input.Tool.SemanticVersion,
                    Version = input.Tool.SemanticVersion,
                    InformationUri = input.Tool.InformationUri,
                    Rules = [.. rules.Select(rule => RuleMetadata.Build(rule, DocFor(input.Docs, rule)))],
                },
            },
            AutomationDetails = new RunAutomationDetails { Id = input.AutomationId },
            OriginalUriBaseIds = new Dictionary<string, ArtifactLocation>(StringComparer.Ordinal)
            {
                [SarifUris.SourceRootId] = new ArtifactLocation { Uri = SarifUris.SourceRoot(uriRoot) },
            },
            ColumnKind = ColumnKind.Utf16CodeUnits,
            Invocations =
            [
                new Invocation
                {
                    ExecutionSuccessful = input.ExecutionSuccessful,
                    ToolExecutionNotifications = BuildNotifications(input.Notifications, ruleIndex),
                },
            ],
            Results = results,
        };
        if (uriPrefix.Length > 0)
        {
            new UriPrefixer(uriPrefix).VisitInvocation(run.Invocations[0]);
        }

        var log = new SarifLog
        {
            SchemaUri = new Uri(SchemaUri),
            Version = SarifVersion.Current,
            Runs = [run],
        };
        return new SarifReport(log, [.. reported], absentCount);
    }

    private static List<RuleDescriptor> SortedRules(IReadOnlyList<RuleDescriptor> rules)
    {
        var duplicate = rules.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Rule {duplicate.Key} is listed more than once.", nameof(rules));
        }

        return [.. rules.OrderBy(r => r.Id, StringComparer.Ordinal)];
    }

    private static RuleDoc DocFor(RuleDocs docs, RuleDescriptor rule) =>
        docs.TryGet(rule.Id, out var doc)
            ? doc
            : throw new ArgumentException($"Rule {rule.Id} has no documentation page (rules/docs/{rule.Id}.md); SARIF needs its descriptions.");

    private static void CheckAutomationId(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Any(char.IsWhiteSpace) || !id.EndsWith('/'))
        {
            throw new ArgumentException($"Automation id '{id}' must be a category without spaces ending with '/', such as 'gilscan/'.", nameof(id));
        }
    }

    // Fingerprints of the diagnostics in output order; occurrence indexes count identical keys in that order.
    private static List<(string Stable, string? LineHash)> Fingerprint(List<Diagnostic> ordered, SourceFileCache sources)
    {
        var occurrences = new Dictionary<(string Rule, string Path, string Key), int>();
        var fingerprints = new List<(string, string?)>(ordered.Count);
        foreach (var diagnostic in ordered)
        {
            var file = sources.Get(diagnostic.Location.Path);
            var key = NormalisedKey(diagnostic, file);
            var identity = (diagnostic.RuleId, diagnostic.Location.Path, key);
            var occurrence = occurrences.GetValueOrDefault(identity);
            occurrences[identity] = occurrence + 1;
            fingerprints.Add((
                StableFingerprint.Compute(diagnostic.RuleId, diagnostic.Location.Path, key, occurrence),
                file?.LineHash(diagnostic.Location.Span.StartLine)));
        }

        return fingerprints;
    }

    // What identifies a finding apart from its line: the rule's symbol, else the code it points at
    // (else the code of its line, for a point span), else its message.
    private static string NormalisedKey(Diagnostic diagnostic, SourceFile? file)
    {
        if (diagnostic.FingerprintKey is not null)
        {
            return "symbol:" + diagnostic.FingerprintKey;
        }

        var code = file is null ? string.Empty : StableFingerprint.NormaliseCode(file.TextOf(diagnostic.Location.Span));
        if (code.Length == 0 && file is not null)
        {
            code = StableFingerprint.NormaliseCode(file.LineText(diagnostic.Location.Span.StartLine));
        }

        return code.Length > 0 ? "code:" + code : "message:" + diagnostic.Message;
    }

    private static ResultBaselineState CompareWithBaseline(Baseline? baseline, string fingerprint, Result result, HashSet<string> matched)
    {
        if (baseline is null)
        {
            return ResultBaselineState.NotCompared;
        }

        if (!baseline.TryGet(fingerprint, out var old))
        {
            return ResultBaselineState.New;
        }

        matched.Add(fingerprint);
        var same = old.Level == result.Level && string.Equals(old.Message?.Text, result.Message.Text, StringComparison.Ordinal);
        return same ? ResultBaselineState.Unchanged : ResultBaselineState.Updated;
    }

    private static BaselineState ToSarif(ResultBaselineState state) => state switch
    {
        ResultBaselineState.NotCompared => BaselineState.None,
        ResultBaselineState.New => BaselineState.New,
        ResultBaselineState.Unchanged => BaselineState.Unchanged,
        ResultBaselineState.Updated => BaselineState.Updated,
        ResultBaselineState.Absent => BaselineState.Absent,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static Result BuildResult(Diagnostic diagnostic, int ruleIndex, string stableFingerprint, string? lineHash)
    {
        var result = new Result
        {
            RuleId = diagnostic.RuleId,
            RuleIndex = ruleIndex,
            Level = SarifLevels.ToFailureLevel(diagnostic.Level),
            Message = new Message { Text = ResultMessages.Compose(diagnostic) },
            Locations = [ToSarif(diagnostic.Location)],
            PartialFingerprints = new SortedDictionary<string, string>(StringComparer.Ordinal) { [StableFingerprint.Key] = stableFingerprint },
        };
        if (lineHash is not null)
        {
            result.PartialFingerprints["primaryLocationLineHash"] = lineHash;
        }

        if (!diagnostic.RelatedLocations.IsEmpty)
        {
            result.RelatedLocations = [.. diagnostic.RelatedLocations.Select((r, i) => ToSarif(r.Location, r.Message, ResultMessages.RelatedId(i)))];
        }

        if (!diagnostic.CodeFlow.IsEmpty)
        {
            var steps = diagnostic.CodeFlow.Select(step => new ThreadFlowLocation
            {
                Location = ToSarif(step.Location, step.Message),
                NestingLevel = step.NestingLevel,
            });
            result.CodeFlows = [new CodeFlow { ThreadFlows = [new ThreadFlow { Locations = [.. steps] }] }];
        }

        if (diagnostic.Suppression is { } suppression)
        {
            result.Suppressions =
            [
                new SarifSuppression
                {
                    Kind = suppression.Kind == AnalysisSuppressionKind.InSource ? SarifSuppressionKind.InSource : SarifSuppressionKind.External,
                    Justification = suppression.Justification,
                },
            ];
        }

        if (diagnostic.Fix is { } fix)
        {
            result.Fixes = [BuildFix(fix)];
        }

        // All properties in ordinal key order: insertion order is output order.
        var properties = new SortedDictionary<string, Newtonsoft.Json.Linq.JToken>(StringComparer.Ordinal)
        {
            [SarifProperties.Prefix + "confidence"] = SarifLevels.Confidence(diagnostic.Confidence),
        };
        foreach (var (key, value) in diagnostic.Properties)
        {
            properties[SarifProperties.Prefix + key] = SarifProperties.ToJson(value);
        }

        foreach (var (key, value) in properties)
        {
            result.SetProperty(key, value);
        }

        return result;
    }

    private static Microsoft.CodeAnalysis.Sarif.Fix BuildFix(GilScan.Analysis.Diagnostics.Fix fix) => new()
    {
        Description = new Message { Text = fix.Description },
        ArtifactChanges =
        [
            .. fix.Replacements
                .GroupBy(r => r.Range.Path, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(file => new ArtifactChange
                {
                    ArtifactLocation = ArtifactAt(file.Key),
                    Replacements =
                    [
                        .. file.OrderBy(r => r.Range, Comparer<AnalysisLocation>.Create(GilScan.Analysis.Engine.DiagnosticComparer.CompareLocations))
                            .Select(r => new Replacement
                            {
                                DeletedRegion = RegionOf(r.Range.Span),
                                InsertedContent = new ArtifactContent { Text = r.InsertedText },
                            }),
                    ],
                }),
        ],
    };

    private static IList<Notification> BuildNotifications(IReadOnlyList<ToolNotification> notifications, Dictionary<string, int> ruleIndex)
    {
        var ordered = notifications
            .OrderBy(n => n.Path ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(n => n.Span?.StartLine ?? 0)
            .ThenBy(n => n.Span?.StartColumnUtf16 ?? 0)
            .ThenBy(n => n.Rule?.Id ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(n => n.Message, StringComparer.Ordinal)
            .ThenBy(n => n.Level);
        return
        [
            .. ordered.Select(n => new Notification
            {
                Level = SarifLevels.ToFailureLevel(n.Level),
                Message = new Message { Text = n.Message },
                Locations = n.Path is null
                    ? null
                    : [new SarifLocation { PhysicalLocation = new PhysicalLocation { ArtifactLocation = ArtifactAt(n.Path), Region = n.Span is { } span ? RegionOf(span) : null } }],
                AssociatedRule = n.Rule is null
                    ? null
                    : new ReportingDescriptorReference { Id = n.Rule.Id, Index = ruleIndex.GetValueOrDefault(n.Rule.Id, -1) },
            }),
        ];
    }

    private static SarifLocation ToSarif(AnalysisLocation location, string? message = null, int? id = null)
    {
        var sarif = new SarifLocation
        {
            PhysicalLocation = new PhysicalLocation { ArtifactLocation = ArtifactAt(location.Path), Region = RegionOf(location.Span) },
            Message = message is null ? null : new Message { Text = message },
        };
        if (id is { } value)
        {
            sarif.Id = value;
        }

        return sarif;
    }

    // SRCROOT and the prefix of every artifact URI: the project root and nothing, or the enclosing
    // repository root and the project's folder in it.
    private static (string Root, string Prefix) UriRootOf(SarifRunInput input)
    {
        if (input.UriRoot is not { } repository)
        {
            return (input.SourceRoot, string.Empty);
        }

        var relative = Path.GetRelativePath(repository, input.SourceRoot).Replace('\\', '/');
        if (relative == ".")
        {
            return (repository, string.Empty);
        }

        return relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative)
            ? (input.SourceRoot, string.Empty)
            : (repository, SarifUris.Relative(relative).OriginalString + "/");
    }

    /// <summary>Puts the project's folder in front of every SRCROOT-relative artifact URI.</summary>
    private sealed class UriPrefixer(string prefix) : SarifRewritingVisitor
    {
        public override ArtifactLocation VisitArtifactLocation(ArtifactLocation node)
        {
            if (node.UriBaseId == SarifUris.SourceRootId && node.Uri is { IsAbsoluteUri: false } uri)
            {
                node.Uri = new Uri(prefix + uri.OriginalString, UriKind.Relative);
            }

            return base.VisitArtifactLocation(node);
        }
    }

    private static ArtifactLocation ArtifactAt(string path) =>
        new() { Uri = SarifUris.Relative(path), UriBaseId = SarifUris.SourceRootId };

    // The only place 0-based exclusive UTF-16 columns become SARIF's 1-based exclusive columns.
    private static Region RegionOf(SourceSpan span) => new()
    {
        StartLine = span.StartLine,
        StartColumn = span.StartColumnUtf16 + 1,
        EndLine = span.EndLine,
        EndColumn = span.EndColumnUtf16 + 1,
    };
}
