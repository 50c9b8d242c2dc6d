namespace Convergent.Keras.Python;

// The syntax tree of the Python subset. These small node classes are one family read together (like
// CPython's Python.asdl), so they share this file rather than fifty one-line files.

/// <summary>Any node: knows its source span.</summary>
internal abstract class Node
{
    public SourceSpan Span { get; set; }
}

/// <summary>Expressions.</summary>
internal abstract class Expr : Node
{
}

internal sealed class NameExpr(string id) : Expr
{
    public string Id { get; } = id;
}

internal enum ConstantKind
{
    None,
    True,
    False,
    Int,
    Float,
    Imaginary,
    Str,
    Bytes,
    Ellipsis,
}

internal sealed class ConstantExpr(ConstantKind kind, object? value) : Expr
{
    public ConstantKind Kind { get; } = kind;

    public object? Value { get; } = value;
}

/// <summary>An f-string: literal pieces (string) and replacement fields (<see cref="FormattedValue"/>).</summary>
internal sealed class FStringExpr(List<object> parts) : Expr
{
    public List<object> Parts { get; } = parts;
}

internal sealed record FormattedValue(Expr Value, char Conversion, string? FormatSpec);

internal sealed class TupleExpr(List<Expr> items) : Expr
{
    public List<Expr> Items { get; } = items;
}

internal sealed class ListExpr(List<Expr> items) : Expr
{
    public List<Expr> Items { get; } = items;
}

internal sealed class SetExpr(List<Expr> items) : Expr
{
    public List<Expr> Items { get; } = items;
}

/// <summary>A dict display; a null key marks <c>**mapping</c>.</summary>
internal sealed class DictExpr(List<(Expr? Key, Expr Value)> entries) : Expr
{
    public List<(Expr? Key, Expr Value)> Entries { get; } = entries;
}

internal sealed class StarredExpr(Expr value, bool doubleStar) : Expr
{
    public Expr Value { get; } = value;

    public bool DoubleStar { get; } = doubleStar;
}

internal sealed class AttributeExpr(Expr target, string name) : Expr
{
    public Expr Target { get; } = target;

    public string Name { get; } = name;
}

internal sealed class SubscriptExpr(Expr target, Expr index) : Expr
{
    public Expr Target { get; } = target;

    public Expr Index { get; } = index;
}

internal sealed class SliceExpr(Expr? lower, Expr? upper, Expr? step) : Expr
{
    public Expr? Lower { get; } = lower;

    public Expr? Upper { get; } = upper;

    public Expr? Step { get; } = step;
}

internal enum ArgumentKind
{
    Positional,
    Keyword,
    Star,
    DoubleStar,
}

internal sealed record Argument(ArgumentKind Kind, string? Name, Expr Value, SourceSpan Span);

internal sealed class CallExpr(Expr function, List<Argument> arguments) : Expr
{
    public Expr Function { get; } = function;

    public List<Argument> Arguments { get; } = arguments;
}

internal sealed class BinaryExpr(string op, Expr left, Expr right) : Expr
{
    public string Op { get; } = op;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;
}

internal sealed class UnaryExpr(string op, Expr operand) : Expr
{
    public string Op { get; } = op;

    public Expr Operand { get; } = operand;
}

/// <summary><c>and</c>/<c>or</c> chains.</summary>
internal sealed class BoolOpExpr(string op, List<Expr> values) : Expr
{
    public string Op { get; } = op;

    public List<Expr> Values { get; } = values;
}

/// <summary>Comparison chains such as <c>a &lt; b &lt;= c</c>; operators include "not in" and "is not".</summary>
internal sealed class CompareExpr(Expr left, List<string> ops, List<Expr> comparators) : Expr
{
    public Expr Left { get; } = left;

    public List<string> Ops { get; } = ops;

    public List<Expr> Comparators { get; } = comparators;
}

internal sealed class IfExpr(Expr test, Expr body, Expr orElse) : Expr
{
    public Expr Test { get; } = test;

    public Expr Body { get; } = body;

    public Expr OrElse { get; } = orElse;
}

internal sealed class LambdaExpr(List<Parameter> parameters, Expr body) : Expr
{
    public List<Parameter> Parameters { get; } = parameters;

    public Expr Body { get; } = body;
}

internal enum ComprehensionKind
{
    List,
    Set,
    Dict,
    Generator,
}

internal sealed record ComprehensionFor(Expr Target, Expr Iterable, List<Expr> Conditions);

internal sealed class ComprehensionExpr(ComprehensionKind kind, Expr element, Expr? value, List<ComprehensionFor> fors)
    : Expr
{
    public ComprehensionKind Kind { get; } = kind;

    /// <summary>The element, or the key for a dict comprehension.</summary>
    public Expr Element { get; } = element;

    /// <summary>The value of a dict comprehension, else null.</summary>
    public Expr? Value { get; } = value;

    public List<ComprehensionFor> Fors { get; } = fors;
}

internal sealed class NamedExpr(NameExpr target, Expr value) : Expr
{
    public NameExpr Target { get; } = target;

    public Expr Value { get; } = value;
}

/// <summary><c>yield</c>, <c>yield from</c> and <c>await</c>: parsed so scripts load, never evaluated.</summary>
internal sealed class OpaqueExpr(string keyword, Expr? value) : Expr
{
    public string Keyword { get; } = keyword;

    public Expr? Value { get; } = value;
}

internal enum ParameterKind
{
    Normal,
    VarArgs,
    KwArgs,
    KeywordOnly,
}

internal sealed record Parameter(string Name, ParameterKind Kind, Expr? Default);

/// <summary>Statements.</summary>
internal abstract class Stmt : Node
{
}

internal sealed class ExprStmt(Expr value) : Stmt
{
    public Expr Value { get; } = value;
}

/// <summary><c>a = b = value</c>: several targets, one value.</summary>
internal sealed class AssignStmt(List<Expr> targets, Expr value) : Stmt
{
    public List<Expr> Targets { get; } = targets;

    public Expr Value { get; } = value;
}

internal sealed class AugAssignStmt(Expr target, string op, Expr value) : Stmt
{
    public Expr Target { get; } = target;

    /// <summary>The binary operator, e.g. "+" for <c>+=</c>.</summary>
    public string Op { get; } = op;

    public Expr Value { get; } = value;
}

internal sealed class AnnAssignStmt(Expr target, Expr annotation, Expr? value) : Stmt
{
    public Expr Target { get; } = target;

    public Expr Annotation { get; } = annotation;

    public Expr? Value { get; } = value;
}

internal sealed record ImportName(string Name, string? Alias, SourceSpan Span);

internal sealed class ImportStmt(List<ImportName> names) : Stmt
{
    public List<ImportName> Names { get; } = names;
}

internal sealed class ImportFromStmt(string module, int level, List<ImportName> names, bool star) : Stmt
{
    public string Module { get; } = module;

    public int Level { get; } = level;

    public List<ImportName> Names { get; } = names;

    public bool Star { get; } = star;
}

/// <summary>pass, break, continue, global, nonlocal: a keyword and optional names.</summary>
internal sealed class KeywordStmt(string keyword, List<string> names) : Stmt
{
    public string Keyword { get; } = keyword;

    public List<string> Names { get; } = names;
}

internal sealed class ReturnStmt(Expr? value) : Stmt
{
    public Expr? Value { get; } = value;
}

internal sealed class DelStmt(List<Expr> targets) : Stmt
{
    public List<Expr> Targets { get; } = targets;
}

/// <summary>assert and raise: parsed, never evaluated (they do not define a model).</summary>
internal sealed class AssertOrRaiseStmt(string keyword, List<Expr> values) : Stmt
{
    public string Keyword { get; } = keyword;

    public List<Expr> Values { get; } = values;
}

internal sealed class IfStmt(Expr test, List<Stmt> body, List<Stmt> orElse) : Stmt
{
    public Expr Test { get; } = test;

    public List<Stmt> Body { get; } = body;

    /// <summary>The else branch; an <c>elif</c> is a nested <see cref="IfStmt"/> here.</summary>
    public List<Stmt> OrElse { get; } = orElse;
}

internal sealed class ForStmt(Expr target, Expr iterable, List<Stmt> body, List<Stmt> orElse) : Stmt
{
    public Expr Target { get; } = target;

    public Expr Iterable { get; } = iterable;

    public List<Stmt> Body { get; } = body;

    public List<Stmt> OrElse { get; } = orElse;
}

internal sealed class WhileStmt(Expr test, List<Stmt> body, List<Stmt> orElse) : Stmt
{
    public Expr Test { get; } = test;

    public List<Stmt> Body { get; } = body;

    public List<Stmt> OrElse { get; } = orElse;
}

internal sealed class FunctionDefStmt(string name, List<Parameter> parameters, List<Stmt> body, List<Expr> decorators)
    : Stmt
{
    public string Name { get; } = name;

    public List<Parameter> Parameters { get; } = parameters;

    public List<Stmt> Body { get; } = body;

    public List<Expr> Decorators { get; } = decorators;
}

internal sealed class ClassDefStmt(string name, List<Argument> bases, List<Stmt> body, List<Expr> decorators) : Stmt
{
    public string Name { get; } = name;

    public List<Argument> Bases { get; } = bases;

    public List<Stmt> Body { get; } = body;

    public List<Expr> Decorators { get; } = decorators;
}

internal sealed record WithItem(Expr Context, Expr? Target);

internal sealed class WithStmt(List<WithItem> items, List<Stmt> body) : Stmt
{
    public List<WithItem> Items { get; } = items;

    public List<Stmt> Body { get; } = body;
}

internal sealed record ExceptHandler(Expr? Type, string? Name, List<Stmt> Body, SourceSpan Span);

internal sealed class TryStmt(List<Stmt> body, List<ExceptHandler> handlers, List<Stmt> orElse, List<Stmt> finalBody)
    : Stmt
{
    public List<Stmt> Body { get; } = body;

    public List<ExceptHandler> Handlers { get; } = handlers;

    public List<Stmt> OrElse { get; } = orElse;

    public List<Stmt> FinalBody { get; } = finalBody;
}

/// <summary>A notebook magic line (<c>%matplotlib inline</c>, <c>!pip install ...</c>).</summary>
internal sealed class MagicStmt(string text) : Stmt
{
    public string Text { get; } = text;
}

/// <summary>A parsed script.</summary>
internal sealed class ModuleNode(List<Stmt> body) : Node
{
    public List<Stmt> Body { get; } = body;
}
