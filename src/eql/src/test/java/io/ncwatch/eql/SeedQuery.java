package io.ncwatch.eql;

/**
 * The query of the seed rule, "Netcat Listener Established Inside A Container" version 3, exactly as
 * Elastic publishes it: the spec that the parser, the compiler and the shipped rule file are held to.
 */
public final class SeedQuery {
    public static final String TEXT = """
            process where container.id: "*" and event.type== "start"
            and event.action in ("fork", "exec") and
            (
            process.name:("nc","ncat","netcat","netcat.openbsd","netcat.traditional") or
            /*account for tools that execute utilities as a subprocess, in this case the target utility name will appear as a process arg*/
            process.args: ("nc","ncat","netcat","netcat.openbsd","netcat.traditional")
            ) and (
                      /* bind shell to echo for command execution */
                      (process.args:("-*l*", "--listen", "-*p*", "--source-port") and process.args:("-c", "--sh-exec", "-e", "--exec", "echo","$*"))
                      /* bind shell to specific port */
                      or process.args:("-*l*", "--listen", "-*p*", "--source-port")
                      )
            """;

    private SeedQuery() {}
}
