using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Knowledge;

namespace GilScan.Rules.Dependencies;

/// <summary>An import in project code and the audited distribution that provides it, with how the name was mapped.</summary>
public sealed record ResolvedImport(ImportSite Site, DistributionVerdict Verdict, ImportNameMatch Match);
