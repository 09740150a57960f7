package io.ncwatch.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes generated events as ECS JSON with Jackson's streaming generator. The parts of a document that
 * never change for a container or a process are serialized once and spliced in raw.
 */
final class EventJson {
    static final String ECS_VERSION = "8.10.0";
    private static final SerializedString TIMESTAMP = new SerializedString("@timestamp");
    private static final SerializedString EVENT = new SerializedString("event");
    private static final SerializedString KIND = new SerializedString("kind");
    private static final SerializedString CATEGORY = new SerializedString("category");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString ACTION = new SerializedString("action");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString DATASET = new SerializedString("dataset");
    private static final SerializedString INGESTED = new SerializedString("ingested");
    private static final SerializedString PROCESS = new SerializedString("process");
    private static final SerializedString ENTITY_ID = new SerializedString("entity_id");
    private static final SerializedString PID = new SerializedString("pid");
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString EXECUTABLE = new SerializedString("executable");
    private static final SerializedString ARGS = new SerializedString("args");
    private static final SerializedString ARGS_COUNT = new SerializedString("args_count");
    private static final SerializedString COMMAND_LINE = new SerializedString("command_line");
    private static final SerializedString INTERACTIVE = new SerializedString("interactive");
    private static final SerializedString WORKING_DIRECTORY = new SerializedString("working_directory");
    private static final SerializedString START = new SerializedString("start");
    private static final SerializedString END = new SerializedString("end");
    private static final SerializedString EXIT_CODE = new SerializedString("exit_code");
    private static final SerializedString USER = new SerializedString("user");
    private static final SerializedString GROUP = new SerializedString("group");
    private static final SerializedString TTY = new SerializedString("tty");
    private static final SerializedString CHAR_DEVICE = new SerializedString("char_device");
    private static final SerializedString MAJOR = new SerializedString("major");
    private static final SerializedString MINOR = new SerializedString("minor");
    private static final SerializedString PARENT = new SerializedString("parent");
    private static final SerializedString SESSION_LEADER = new SerializedString("session_leader");
    private static final SerializedString GROUP_LEADER = new SerializedString("group_leader");
    private static final SerializedString ENTRY_LEADER = new SerializedString("entry_leader");
    private static final SerializedString CONTAINER = new SerializedString("container");
    private static final SerializedString ORCHESTRATOR = new SerializedString("orchestrator");
    private static final SerializedString HOST = new SerializedString("host");
    private static final SerializedString CLOUD = new SerializedString("cloud");
    private static final SerializedString CLOUD_DEFEND = new SerializedString("cloud_defend");
    private static final SerializedString DATA_STREAM = new SerializedString("data_stream");
    private static final SerializedString ECS = new SerializedString("ecs");
    private static final SerializedString SOURCE = new SerializedString("source");
    private static final SerializedString DESTINATION = new SerializedString("destination");
    private static final SerializedString NETWORK = new SerializedString("network");
    private static final SerializedString TRANSPORT = new SerializedString("transport");
    private static final SerializedString DIRECTION = new SerializedString("direction");
    private static final SerializedString IP = new SerializedString("ip");
    private static final SerializedString PORT = new SerializedString("port");
    private static final SerializedString ADDRESS = new SerializedString("address");
    private static final SerializedString PROCESS_CATEGORY = new SerializedString("process");
    private static final SerializedString NETWORK_CATEGORY = new SerializedString("network");
    private static final SerializedString FILE = new SerializedString("file");
    private static final SerializedString PATH = new SerializedString("path");
    private static final SerializedString DIRECTORY = new SerializedString("directory");
    private static final SerializedString REQUEST_RECEIVED = new SerializedString("requestReceivedTimestamp");
    private static final SerializedString STAGE_TIMESTAMP = new SerializedString("stageTimestamp");
    private static final String PROCESS_DATASET = "cloud_defend.process";
    private static final String FILE_DATASET = "cloud_defend.file";
    private static final String AUDIT_DATASET = "kubernetes.audit_logs";
    private static final String NETWORK_DATASET = "endpoint.events.network";

    /** The parts of a container's events that never change. */
    record ContainerBlocks(SerializedString container, SerializedString orchestrator, SerializedString host,
            SerializedString cloud, SerializedString networkContainer, SerializedString networkHost) {}

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private final JsonFactory factory = new JsonFactory();
    private final DocumentBuffer out = new DocumentBuffer();
    /** One generator for all documents of a run: creating one per document costs more than writing it. */
    private final JsonGenerator documents;
    private final IsoTimestamps time = new IsoTimestamps();
    private final SerializedString[] cloudDefend = new SerializedString[ProcessEvent.Action.values().length];
    private final SerializedString processDataStream;
    private final SerializedString networkDataStream;
    private final SerializedString fileDataStream;
    private final SerializedString auditDataStream;
    private final SerializedString ecs;

    EventJson() {
        try {
            documents = factory.createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        documents.setRootValueSeparator(null);
        for (ProcessEvent.Action action : ProcessEvent.Action.values()) {
            cloudDefend[action.ordinal()] = raw(g -> {
                g.writeStartObject();
                g.writeArrayFieldStart("hook_point");
                g.writeString(action.hookPoint);
                g.writeEndArray();
                g.writeEndObject();
            });
        }
        processDataStream = dataStream(PROCESS_DATASET);
        networkDataStream = dataStream(NETWORK_DATASET);
        fileDataStream = dataStream(FILE_DATASET);
        auditDataStream = dataStream(AUDIT_DATASET);
        ecs = raw(g -> {
            g.writeStartObject();
            g.writeStringField("version", ECS_VERSION);
            g.writeEndObject();
        });
    }

    byte[] process(ProcessEvent e, long ingested) {
        return document(g -> {
            g.writeStartObject();
            timestamp(g, TIMESTAMP, e.timestamp);
            header(g, PROCESS_CATEGORY, e.action.type, e.action.name, e.eventId, PROCESS_DATASET, ingested);
            process(g, e.process, e.action == ProcessEvent.Action.END ? e : null);
            where(g, e.container.json);
            raw(g, CLOUD_DEFEND, cloudDefend[e.action.ordinal()]);
            raw(g, DATA_STREAM, processDataStream);
            raw(g, ECS, ecs);
            g.writeEndObject();
        });
    }

    byte[] file(FileEvent e, long ingested) {
        return document(g -> {
            g.writeStartObject();
            timestamp(g, TIMESTAMP, e.timestamp);
            header(g, FILE, e.action.type, e.action.name, e.eventId, FILE_DATASET, ingested);
            g.writeFieldName(FILE);
            g.writeStartObject();
            string(g, PATH, e.path);
            string(g, NAME, e.name());
            string(g, DIRECTORY, e.directory());
            g.writeEndObject();
            process(g, e.process, null);
            where(g, e.container.json);
            raw(g, DATA_STREAM, fileDataStream);
            raw(g, ECS, ecs);
            g.writeEndObject();
        });
    }

    /**
     * An audit event as Elastic's Kubernetes integration writes it: the API server's fields under
     * {@code kubernetes.audit}, with the dots of annotation keys turned into underscores. The pod name
     * in {@code user.extra} is a string here; the API server writes a one-element array, which
     * Elasticsearch indexes as the same single value.
     */
    byte[] audit(AuditEvent e, long ingested) {
        return document(g -> {
            FleetContainer c = e.container;
            String serviceAccount = "system:serviceaccount:" + c.app.namespace() + ":default";
            g.writeStartObject();
            timestamp(g, TIMESTAMP, e.timestamp);
            g.writeFieldName(EVENT);
            g.writeStartObject();
            string(g, KIND, "event");
            string(g, ID, e.eventId);
            string(g, DATASET, AUDIT_DATASET);
            timestamp(g, INGESTED, ingested);
            g.writeEndObject();
            g.writeObjectFieldStart("kubernetes");
            g.writeObjectFieldStart("audit");
            g.writeStringField("kind", "Event");
            g.writeStringField("apiVersion", "audit.k8s.io/v1");
            g.writeStringField("level", "Metadata");
            g.writeStringField("auditID", e.eventId);
            g.writeStringField("stage", "ResponseComplete");
            g.writeStringField("requestURI", e.requestUri);
            g.writeStringField("verb", e.verb);
            g.writeObjectFieldStart("user");
            g.writeStringField("username", serviceAccount);
            g.writeArrayFieldStart("groups");
            g.writeString("system:serviceaccounts");
            g.writeString("system:serviceaccounts:" + c.app.namespace());
            g.writeString("system:authenticated");
            g.writeEndArray();
            g.writeObjectFieldStart("extra");
            g.writeStringField("authentication.kubernetes.io/pod-name", e.podName);
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("sourceIPs");
            g.writeString(c.podIp);
            g.writeEndArray();
            g.writeStringField("userAgent", "curl/8.5.0");
            g.writeObjectFieldStart("objectRef");
            g.writeStringField("resource", e.resource);
            g.writeStringField("namespace", c.app.namespace());
            g.writeStringField("apiVersion", "v1");
            g.writeEndObject();
            g.writeObjectFieldStart("responseStatus");
            g.writeNumberField("code", 200);
            g.writeEndObject();
            timestamp(g, REQUEST_RECEIVED, e.timestamp - 4);
            timestamp(g, STAGE_TIMESTAMP, e.timestamp);
            g.writeObjectFieldStart("annotations");
            g.writeStringField("authorization_k8s_io/decision", "allow");
            g.writeStringField("authorization_k8s_io/reason", "RBAC: allowed by RoleBinding of " + serviceAccount);
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("orchestrator");
            g.writeObjectFieldStart("cluster");
            g.writeStringField("name", c.node.cluster().name());
            g.writeEndObject();
            g.writeEndObject();
            raw(g, DATA_STREAM, auditDataStream);
            raw(g, ECS, ecs);
            g.writeEndObject();
        });
    }

    /** Where a Defend for Containers event happened: its container, pod, host and cloud. */
    private static void where(JsonGenerator g, ContainerBlocks c) throws IOException {
        raw(g, CONTAINER, c.container());
        raw(g, ORCHESTRATOR, c.orchestrator());
        raw(g, HOST, c.host());
        raw(g, CLOUD, c.cloud());
    }

    /**
     * The {@code process} object of a process or file event, then the ECS {@code user.id} (the process's
     * user); {@code end} is the process's end event, whose end time and exit code it adds, or null.
     */
    private void process(JsonGenerator g, SimProcess p, ProcessEvent end) throws IOException {
        Command command = p.command;
        g.writeFieldName(PROCESS);
        g.writeStartObject();
        string(g, ENTITY_ID, p.entityId);
        number(g, PID, p.pid);
        string(g, NAME, command.name());
        string(g, EXECUTABLE, command.executable());
        g.writeFieldName(ARGS);
        g.writeArray(command.args(), 0, command.args().length);
        number(g, ARGS_COUNT, command.args().length);
        string(g, COMMAND_LINE, command.commandLine());
        g.writeFieldName(INTERACTIVE);
        g.writeBoolean(p.interactive);
        string(g, WORKING_DIRECTORY, p.workingDirectory);
        timestamp(g, START, p.start);
        if (end != null) {
            timestamp(g, END, end.timestamp);
            number(g, EXIT_CODE, end.exitCode);
        }
        id(g, USER, p.container.numericIds, p.userId);
        id(g, GROUP, p.container.numericIds, p.groupId);
        if (p.interactive) {
            g.writeFieldName(TTY);
            g.writeStartObject();
            g.writeFieldName(CHAR_DEVICE);
            g.writeStartObject();
            number(g, MAJOR, 136);
            number(g, MINOR, p.sessionLeader.pid % 8);
            g.writeEndObject();
            g.writeEndObject();
        }
        raw(g, PARENT, p.parent.asParent(this));
        raw(g, SESSION_LEADER, p.sessionLeader.asLeader(this));
        raw(g, GROUP_LEADER, p.groupLeader.asLeader(this));
        raw(g, ENTRY_LEADER, p.entryLeader.asLeader(this));
        g.writeEndObject();
        id(g, USER, p.container.numericIds, p.userId);
    }

    byte[] network(NetworkEvent e, long ingested) {
        return document(g -> {
            SimProcess p = e.process;
            g.writeStartObject();
            timestamp(g, TIMESTAMP, e.timestamp);
            header(g, NETWORK_CATEGORY, e.action.type, e.action.name, e.eventId, NETWORK_DATASET, ingested);
            g.writeFieldName(PROCESS);
            g.writeStartObject();
            string(g, ENTITY_ID, p.entityId);
            number(g, PID, p.pid);
            string(g, NAME, p.command.name());
            string(g, EXECUTABLE, p.command.executable());
            g.writeEndObject();
            endpoint(g, SOURCE, e.sourceIp, e.sourcePort);
            endpoint(g, DESTINATION, e.destinationIp, e.destinationPort);
            g.writeFieldName(NETWORK);
            g.writeStartObject();
            string(g, TRANSPORT, "tcp");
            string(g, TYPE, "ipv4");
            string(g, DIRECTION, e.direction);
            g.writeEndObject();
            ContainerBlocks c = e.container.json;
            raw(g, CONTAINER, c.networkContainer());
            raw(g, HOST, c.networkHost());
            raw(g, DATA_STREAM, networkDataStream);
            raw(g, ECS, ecs);
            g.writeEndObject();
        });
    }

    /** The {@code event} object. */
    private void header(JsonGenerator g, SerializedString category, String type, String action, String id,
            String dataset, long ingested) throws IOException {
        g.writeFieldName(EVENT);
        g.writeStartObject();
        string(g, KIND, "event");
        g.writeFieldName(CATEGORY);
        g.writeStartArray();
        g.writeString(category);
        g.writeEndArray();
        g.writeFieldName(TYPE);
        g.writeStartArray();
        g.writeString(type);
        g.writeEndArray();
        string(g, ACTION, action);
        string(g, ID, id);
        string(g, DATASET, dataset);
        timestamp(g, INGESTED, ingested);
        g.writeEndObject();
    }

    /** A process as another's parent: what Defend for Containers gives of a parent. */
    SerializedString parent(SimProcess p) {
        return raw(g -> {
            g.writeStartObject();
            g.writeStringField("entity_id", p.entityId);
            g.writeNumberField("pid", p.pid);
            g.writeStringField("name", p.command.name());
            g.writeStringField("executable", p.command.executable());
            args(g, p.command.args());
            g.writeEndObject();
        });
    }

    /**
     * A process as the session, group or entry leader of another: its identity, and for the entry leader
     * its name and how it entered ({@code entry_meta.type: container}).
     */
    SerializedString leader(SimProcess p) {
        return raw(g -> {
            g.writeStartObject();
            g.writeStringField("entity_id", p.entityId);
            g.writeNumberField("pid", p.pid);
            if (p.isEntryLeader()) {
                g.writeStringField("name", p.command.name());
                g.writeObjectFieldStart("entry_meta");
                g.writeStringField("type", "container");
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    ContainerBlocks containerBlocks(FleetContainer c) {
        App app = c.app;
        Fleet.Node node = c.node;
        Fleet.Cluster cluster = node.cluster();
        SerializedString container = raw(g -> {
            g.writeStartObject();
            g.writeStringField("id", c.id);
            if (c.nestedStyle) {
                g.writeObjectFieldStart("image");
                g.writeStringField("name", app.image());
                g.writeArrayFieldStart("tag");
                g.writeString(app.tag());
                g.writeEndArray();
                g.writeEndObject();
            } else {
                g.writeStringField("image.name", app.image());
                g.writeArrayFieldStart("image.tag");
                g.writeString(app.tag());
                g.writeEndArray();
            }
            g.writeEndObject();
        });
        SerializedString orchestrator = raw(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("cluster");
            g.writeStringField("name", cluster.name());
            g.writeEndObject();
            g.writeStringField("namespace", app.namespace());
            if (c.nestedStyle) {
                g.writeObjectFieldStart("resource");
                g.writeStringField("name", c.podName);
                g.writeStringField("type", "pod");
                g.writeEndObject();
            } else {
                g.writeStringField("resource.name", c.podName);
                g.writeStringField("resource.type", "pod");
            }
            g.writeEndObject();
        });
        SerializedString host = raw(g -> {
            g.writeStartObject();
            g.writeStringField("name", node.name());
            g.writeObjectFieldStart("os");
            g.writeStringField("type", "linux");
            g.writeEndObject();
            g.writeEndObject();
        });
        SerializedString cloud = raw(g -> {
            g.writeStartObject();
            g.writeStringField("provider", cluster.provider());
            g.writeStringField("region", cluster.region());
            g.writeEndObject();
        });
        SerializedString networkContainer = raw(g -> {
            g.writeStartObject();
            g.writeStringField("id", c.id);
            g.writeEndObject();
        });
        SerializedString networkHost = raw(g -> {
            g.writeStartObject();
            g.writeStringField("name", node.name());
            g.writeObjectFieldStart("os");
            g.writeStringField("type", "linux");
            g.writeEndObject();
            g.writeEndObject();
        });
        return new ContainerBlocks(container, orchestrator, host, cloud, networkContainer, networkHost);
    }

    private SerializedString dataStream(String dataset) {
        return raw(g -> {
            g.writeStartObject();
            g.writeStringField("type", "logs");
            g.writeStringField("dataset", dataset);
            g.writeStringField("namespace", "default");
            g.writeEndObject();
        });
    }

    private void timestamp(JsonGenerator g, SerializedString field, long millis) throws IOException {
        g.writeFieldName(field);
        g.writeString(time.format(millis), 0, IsoTimestamps.LENGTH);
    }

    private static void args(JsonGenerator g, String[] args) throws IOException {
        g.writeFieldName("args");
        g.writeArray(args, 0, args.length);
    }

    private static void string(JsonGenerator g, SerializedString field, String value) throws IOException {
        g.writeFieldName(field);
        g.writeString(value);
    }

    private static void number(JsonGenerator g, SerializedString field, int value) throws IOException {
        g.writeFieldName(field);
        g.writeNumber(value);
    }

    /** {@code user} or {@code group} with its id, as a number or a string as the container's producer writes it. */
    private static void id(JsonGenerator g, SerializedString field, boolean numeric, int id) throws IOException {
        g.writeFieldName(field);
        g.writeStartObject();
        g.writeFieldName(ID);
        if (numeric) {
            g.writeNumber(id);
        } else {
            g.writeString(Integer.toString(id));
        }
        g.writeEndObject();
    }

    private static void endpoint(JsonGenerator g, SerializedString field, String ip, int port) throws IOException {
        g.writeFieldName(field);
        g.writeStartObject();
        string(g, IP, ip);
        number(g, PORT, port);
        string(g, ADDRESS, ip);
        g.writeEndObject();
    }

    private static void raw(JsonGenerator g, SerializedString field, SerializedString value) throws IOException {
        g.writeFieldName(field);
        g.writeRawValue(value);
    }

    private byte[] document(Body body) {
        out.reset();
        try {
            body.write(documents);
            documents.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An unsynchronized byte buffer, reused for every document. */
    private static final class DocumentBuffer extends OutputStream {
        private byte[] bytes = new byte[4096];
        private int size;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        void reset() {
            size = 0;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    private SerializedString raw(Body body) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        try (JsonGenerator g = factory.createGenerator(buffer, JsonEncoding.UTF8)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SerializedString(buffer.toString(StandardCharsets.UTF_8));
    }
}
