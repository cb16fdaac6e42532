namespace CineMatch.Lists;

/// <summary>A last-writer-wins register: the value written by the latest stamp.</summary>
[GenerateSerializer, Alias("cinematch.Register`1")]
public sealed class Register<T>
{
    [Id(0)] public T? Value { get; set; }
    [Id(1)] public EventStamp Stamp { get; set; }
}
