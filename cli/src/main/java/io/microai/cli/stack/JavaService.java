package io.microai.cli.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** How the stack runs a service of this jar: {@code java [MICROAI_STACK_JAVA_OPTS] MARKER -jar microai.jar ROLE}. */
final class JavaService {
    /** JVM flags for the service JVMs. */
    static final String JAVA_OPTS = "MICROAI_STACK_JAVA_OPTS";

    private JavaService() {
    }

    /** {@code name} tells the processes of a fleet apart in the marker; {@code role} is the microai command. */
    static List<String> command(StackLayout layout, String role, String name) {
        Path java = Processes.javaExecutable();
        Path jar = Processes.thisJar();
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        Arrays.stream(layout.env().string(JAVA_OPTS, "").split("\\s+")).filter(s -> !s.isEmpty()).forEach(command::add);
        command.add(marker(layout.files(), name));
        command.addAll(List.of("-jar", jar.toString(), role));
        return command;
    }

    /** An argument that ties a service process to this state directory (also used to find it). */
    static String marker(StackFiles files, String name) {
        return "-Dmicroai.stack.service=" + name + "@" + files.dir();
    }
}
