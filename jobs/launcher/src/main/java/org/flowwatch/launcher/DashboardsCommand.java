package org.flowwatch.launcher;

import java.util.concurrent.Callable;
import org.flowwatch.launcher.dashboards.DashboardsInstaller;
import org.flowwatch.launcher.dashboards.InstallFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./flowwatch dashboards install}: index templates into Elasticsearch, saved objects into Kibana. */
@Command(name = "dashboards", mixinStandardHelpOptions = true,
    description = "Install flowwatch's Elasticsearch index templates and Kibana dashboards.",
    subcommands = DashboardsCommand.Install.class)
final class DashboardsCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "install", mixinStandardHelpOptions = true,
      description = {"Install the index templates (idempotent: unchanged ones are left alone, a changed one must have "
          + "a new version) and, when --kibana is given, import the saved objects (data views, visualizations, saved "
          + "search, dashboards). Exit code 1 with a message naming the URL when a server cannot be reached or "
          + "refuses."})
  static final class Install implements Callable<Integer> {
    @Mixin
    ServerOptions.Elasticsearch elasticsearch;

    @Option(names = "--kibana", description = "Kibana URL, e.g. http://127.0.0.1:5601; without it, templates only.")
    String kibana;

    @Option(names = "--overwrite", description = "Replace saved objects that already exist in Kibana.")
    boolean overwrite;

    @Override
    public Integer call() {
      DashboardsInstaller installer = new DashboardsInstaller(System.out);
      try {
        installer.installTemplates(elasticsearch.connection());
        if (kibana != null) {
          installer.importSavedObjects(kibana, overwrite);
        } else {
          System.out.println("no --kibana given: saved objects not imported");
        }
        return 0;
      } catch (InstallFailure e) {
        System.err.println("flowwatch dashboards install: " + e.getMessage());
        return 1;
      }
    }
  }
}
