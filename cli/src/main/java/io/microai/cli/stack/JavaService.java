package io.microai.cli.stack;

import io.microai.cli.ServiceJvmOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the stack runs a service of this jar: {@code java FLAGS MARKER -jar microai.jar ROLE}, FLAGS being
 * {@code MICROAI_STACK_JAVA_OPTS} when set, else the services' defaults ({@link ServiceJvmOptions}).
 */
final class JavaService {
    /** JVM flags for the service JVMs; they replace the defaults whole (two collectors named together would not start). */
    static final String JAVA_OPTS = "MICROAI_STACK_JAVA_OPTS";

    private JavaService() {
    }

    /** {@code name} tells the processes of a fleet apart in the marker; {@code role} is the microai command. */
    static List<String> command(StackLayout layout, String role, String name) {
        Path java = Processes.javaExecutable();
        Path jar = Processes.thisJar();
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmFlags(layout));
        command.add(marker(layout.files(), name));
        command.addAll(List.of("-jar", jar.toString(), role));
        return command;
    }

    /** {@code MICROAI_STACK_JAVA_OPTS} from the stack's settings when set, else the services' defaults. */
    static List<String> jvmFlags(StackLayout layout) {
        return ServiceJvmOptions.orDefaults(layout.env().string(JAVA_OPTS, ""));
    }

    /** An argument that ties a service process to this state directory (also used to find it). */
    static String marker(StackFiles files, String name) {
        return "-Dmicroai.stack.service=" + name + "@" + files.dir();
    }
}
