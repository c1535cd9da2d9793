package dev.dlt.cli;

import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code dlt --version}: the version Maven stamped into the jar, plus the Java runtime. */
final class VersionProvider implements IVersionProvider {

    private static final String POM = "/META-INF/maven/dev.dlt/dlt-actors/pom.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "dlt " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }

    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(POM)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "(unknown version)");
            }
        } catch (java.io.IOException e) {
            // a development build from target/classes has no pom.properties
        }
        return "(development build)";
    }
}
