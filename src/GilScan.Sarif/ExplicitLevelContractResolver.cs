using System.Reflection;
using Microsoft.CodeAnalysis.Sarif;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace GilScan.Sarif;

/// <summary>
/// Sarif.Sdk leaves out values equal to SARIF's defaults, so a warning result has no <c>level</c>
/// and a warning rule no <c>defaultConfiguration</c>. Both mean "warning" to a careful reader, but
/// the checklist asks for explicit levels (GitHub filters and orders by them, and some viewers do
/// not apply the default), so every <see cref="FailureLevel"/> is written out.
/// </summary>
internal sealed class ExplicitLevelContractResolver : DefaultContractResolver
{
    protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
    {
        var property = base.CreateProperty(member, memberSerialization);
        if (property.PropertyType == typeof(FailureLevel))
        {
            property.DefaultValueHandling = DefaultValueHandling.Include;
            property.ShouldSerialize = null;
        }
        else if (property.DeclaringType == typeof(ReportingDescriptor) && property.UnderlyingName == nameof(ReportingDescriptor.DefaultConfiguration))
        {
            property.ShouldSerialize = descriptor => ((ReportingDescriptor)descriptor).DefaultConfiguration is not null;
        }

        return property;
    }
}
