package io.ncwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ncwatch.testing.FlinkCluster;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmitCommandIT {

    private final FlinkCluster flink = FlinkCluster.shared();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void runsTheJarOnTheClusterWithTheJobArguments() throws Exception {
        Path jar = tinyJobJar();

        int status = Main.execute(new SubmitCommand(new PrintStream(out, true), new PrintStream(err, true)), out, err,
                "--flink", flink.url(), "--jar", jar.toString(), "--name", "it");

        assertThat(status).as(err.toString()).isEqualTo(SubmitCommand.SUBMITTED);
        String jobId = out.toString().strip();
        assertThat(flink.get("/jobs/" + jobId).get("name").asText()).isEqualTo("tiny --name it");
        assertThat(finalState(jobId)).isEqualTo("FINISHED");
    }

    @Test
    void aClusterThatDoesNotAnswerIsReported() throws Exception {
        int status = Main.execute(new SubmitCommand(new PrintStream(out, true), new PrintStream(err, true)), out, err,
                "--flink", "http://localhost:1", "--jar", tinyJobJar().toString());

        assertThat(status).isEqualTo(SubmitCommand.FAILED);
        assertThat(err.toString()).contains("cannot reach Flink at http://localhost:1");
    }

    /** The job's state once it ends; a bounded wait, not a measure of speed. */
    private String finalState(String jobId) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            JsonNode job = flink.get("/jobs/" + jobId);
            String state = job.get("state").asText();
            if (state.equals("FINISHED") || state.equals("FAILED") || state.equals("CANCELED")) {
                return state;
            }
            Thread.sleep(500);
        }
        return "still running after 60 s";
    }

    private Path tinyJobJar() throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, TinyJob.class.getName());
        Path jar = dir.resolve("tiny-job.jar");
        String entry = TinyJob.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(file, manifest)) {
            jarOut.putNextEntry(new JarEntry(entry));
            try (var in = TinyJob.class.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(jarOut);
            }
            jarOut.closeEntry();
        }
        return jar;
    }
}
