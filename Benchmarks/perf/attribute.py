# Where a process's CPU goes, by component: reads `perf script -F comm,ip,sym | swift demangle --simplified`
# output and charges each sample to the innermost frame that belongs to a component below (first
# matching pattern wins per frame), then prints the shares, and the shares by kind of leaf
# (allocation, reference counting, runtime metadata). README "Where the engine's client CPU goes".
#
#   perf record -F 999 -g -o /tmp/engine.perf -- smepilot bench transitions --backend postgres -n 1000 -c 16
#   perf script -i /tmp/engine.perf --time START,END --comms 'oot.default-qos,NIO-SGLTN-1-#1,NIO-SGLTN-1-#2' \
#       -F comm,ip,sym | swift demangle --simplified > stacks.txt
#   python3 Benchmarks/perf/attribute.py stacks.txt
#
# START,END: the engine phase. The bench writes "phase <name> begins|ends <unix time>" to standard error as
# each phase starts and ends (engine, engine-alone, bare-sql, pgbench-…), unbuffered: wait for "phase engine
# begins" before attaching `perf record -a` to profile the server's side of one phase (its report on standard
# output comes only at the end). `perf script -F comm,time` shows when the smepilot threads were busy.
import sys, re, collections
cats = [
 ("JSON parse (JSONDecoder → JSONValue)", r"JSONDecoder|JSONValue\.init\(from|JSONValue\.parse|Participant\.parse|JSONMap|JSONScanner"),
 ("canonical JSON writing", r"JSONValue\.canonicalText|JSONValue\.write|Participant\.text"),
 ("hash chain (SHA-256, hex)", r"computedHash|SHA256|Hex\.encode|HMAC"),
 ("random ids (UUID text)", r"RandomIdentifiers|UUID"),
 ("prepared-statement cache key + binds", r"PreparedStatementCache|PreparedSQL"),
 ("SQLKit serialisation", r"SQLSerializer|SQLDatabase\.serialize|SQLQueryString|SQLExpression|SQLBind|serialize\(to:"),
 ("engine validation (Engine.decide)", r"Engine\.decide|InputValidation|Guard|Effect"),
 ("decision write other (follow-ups, facts, counts)", r"decisionWrite|DashboardCounts|ProjectFacts|eventInserts|historyInsert|DecisionWrite"),
 ("row decode (SQLRow/PostgresRow)", r"decodeInstance|_PostgresSQLRow|PostgresRow|PostgresDataTranslation|PostgresCell"),
 ("logging", r"Logger|Logging"),
 ("PostgresNIO protocol encode/decode", r"PostgresNIO|PostgresChannelHandler|PostgresBackendMessage|PostgresFrontendMessage|ConnectionStateMachine|PSQL|Postgres"),
 ("connection pool lease", r"ConnectionPool|_ConnectionPoolModule|withConnection"),
 ("NIO event loop + socket I/O", r"NIOPosix|NIOCore|SelectableEventLoop|Selector|BaseSocketChannel|ChannelPipeline|ByteBuffer|epoll|Socket"),
 ("Swift concurrency (tasks, executors, continuations)", r"swift_task|swift_job|AsyncTask|Continuation|swift::runJob|TaskLocal|withValue|swift_continuation|_dispatch|dispatch_|Task\."),
]
comp = [(n, re.compile(p)) for n,p in cats]
totals = collections.Counter(); leafk = collections.Counter(); n=0
stack=[]; comm=None
def flush():
    global n
    if comm is None: return
    n+=1
    frames=[re.sub(r"^\s*[0-9a-f]+\s+","",l).strip() for l in stack]
    leaf = frames[0] if frames else ""
    # leaf kind
    if re.search(r"malloc|free|_int_|unlink_chunk|cfree|swift_slowAlloc|swift_dealloc|swift_allocObject|deallocObject", leaf): leafk["malloc/free"]+=1
    elif re.search(r"swift_retain|swift_release|swift_bridgeObject|RefCount|isUniquely", leaf): leafk["ARC retain/release"]+=1
    elif re.search(r"Metadata|tryCast|dynamicCast|getCache|Conformance|conformsTo|instantiate", leaf): leafk["runtime metadata/casts"]+=1
    elif re.search(r"\[k\]|kallsyms|^[a-z_]+$", leaf) and not frames[1:]: leafk["kernel / libc unattributed"]+=1
    else: leafk["other"]+=1
    for f in frames:
        for name, rx in comp:
            if rx.search(f):
                totals[name]+=1; return
    # whole stack: find any
    if any("WorkflowService" in f for f in frames): totals["WorkflowService other"]+=1
    elif len(frames)<=2: totals["no stack (libc/kernel leaf: malloc, syscalls)"]+=1
    else: totals["other"]+=1
for line in open(sys.argv[1]):
    if line and not line[0].isspace():
        flush(); comm=line.strip(); stack=[]
    elif line.strip():
        stack.append(line)
flush()
print("samples", n)
for k,v in totals.most_common(): print(f"{100*v/n:5.1f}%  {k}")
print("-- by leaf kind")
for k,v in leafk.most_common(): print(f"{100*v/n:5.1f}%  {k}")
