package io.quarkiverse.authgateway.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Redis servers started by a test from {@code redis-server} on free loopback ports, in a directory of their own under
 * {@code target/}: a Redis Cluster (masters, each with a replica) or a Sentinel setup (a master, a replica, three
 * sentinels). A test kills a master as a crash would ({@code SIGKILL}) and watches the promotion; everything is
 * stopped when the test ends.
 */
final class RedisTopology implements AutoCloseable {

    /** The name under which the sentinels monitor the master. */
    static final String MASTER_NAME = "gateway";

    private final Path directory;
    private final Map<Integer, Process> servers = new LinkedHashMap<>();
    private final Map<Integer, List<String>> options = new LinkedHashMap<>();
    private final List<Integer> dataPorts = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();

    private RedisTopology(String name) throws IOException {
        directory = Files.createDirectories(Path.of("target", "redis-" + name + "-" + ProcessHandle.current().pid()));
    }

    /**
     * @return a cluster of {@code masters} masters, each with one replica, every slot covered and the cluster state
     *         {@code ok} on every node
     */
    static RedisTopology cluster(int masters) throws IOException {
        RedisTopology topology = new RedisTopology("cluster");
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < masters * 2; i++) {
            int port = RedisServer.freePort();
            topology.dataPorts.add(port);
            topology.start(port, "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                    "--cluster-node-timeout", "1000");
            nodes.add("127.0.0.1:" + port);
        }
        List<String> create = new ArrayList<>(List.of("--cluster", "create"));
        create.addAll(nodes);
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        topology.cli(null, create.toArray(String[]::new));
        topology.awaitClusterOk(topology.dataPorts);
        for (int port : topology.dataPorts) {
            if (topology.cli(port, "ROLE").startsWith("slave")) {
                topology.await(port, "INFO", "replication", "master_link_status:up");
            }
        }
        return topology;
    }

    /**
     * @return a master and its replica, watched by three sentinels (quorum 2) that declare the master down after
     *         1 s without an answer
     */
    static RedisTopology sentinel() throws IOException {
        RedisTopology topology = new RedisTopology("sentinel");
        int master = RedisServer.freePort();
        int replica = RedisServer.freePort();
        topology.dataPorts.addAll(List.of(master, replica));
        topology.start(master);
        topology.start(replica, "--replicaof", "127.0.0.1", Integer.toString(master));
        topology.await(replica, "INFO", "replication", "master_link_status:up");
        for (int i = 0; i < 3; i++) {
            int port = RedisServer.freePort();
            topology.sentinelPorts.add(port);
            Path config = topology.directory.resolve("sentinel-" + port + ".conf");
            Files.writeString(config, String.join("\n", "port " + port, "bind 127.0.0.1", "daemonize no",
                    "dir " + topology.directory.toAbsolutePath(),
                    "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master + " 2",
                    "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                    "sentinel failover-timeout " + MASTER_NAME + " 5000",
                    "sentinel parallel-syncs " + MASTER_NAME + " 1", ""));
            topology.launch(port, List.of("redis-server", config.toAbsolutePath().toString(), "--sentinel"));
        }
        for (int port : topology.sentinelPorts) {
            // every sentinel knows the replica and the other two sentinels
            topology.await(port, "SENTINEL", "MASTER", MASTER_NAME, "num-other-sentinels\n2");
            topology.await(port, "SENTINEL", "MASTER", MASTER_NAME, "num-slaves\n1");
        }
        return topology;
    }

    /** @return the {@code quarkus.redis.hosts} value: every data node, or every sentinel */
    String hosts() {
        List<Integer> ports = sentinelPorts.isEmpty() ? dataPorts : sentinelPorts;
        List<String> urls = new ArrayList<>();
        for (int port : ports) {
            urls.add("redis://127.0.0.1:" + port);
        }
        return String.join(",", urls);
    }

    /** @return the port of the master that holds the slot of the hash tag (cluster) or the current master */
    int masterOf(String hashTag) {
        if (sentinelPorts.isEmpty()) {
            String slot = cli(dataPorts.get(0), "CLUSTER", "KEYSLOT", hashTag);
            for (String line : cli(liveDataPort(), "CLUSTER", "NODES").split("\n")) {
                String[] fields = line.split(" ");
                if (fields[2].contains("master") && !fields[2].contains("fail") && covers(fields, Integer.parseInt(slot))) {
                    return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
                }
            }
            throw new IllegalStateException("no master serves slot " + slot);
        }
        String[] address = cli(sentinelPorts.get(0), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME).split("\n");
        return Integer.parseInt(address[1].trim());
    }

    /** Kills the server as a crash would: no shutdown, no save. */
    void kill(int port) {
        Process process = servers.remove(port);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dataPorts.remove(Integer.valueOf(port));
    }

    /**
     * Waits until another master serves the hash tag's slot (cluster) or the sentinels name another master.
     *
     * @return the new master's port
     */
    int awaitPromotion(int oldMaster, String hashTag, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            try {
                int master = masterOf(hashTag);
                if (master != oldMaster && cli(master, "ROLE").startsWith("master")) {
                    if (sentinelPorts.isEmpty()) {
                        awaitClusterOk(dataPorts);
                    }
                    return master;
                }
            } catch (IllegalStateException notYet) {
                // no master for the slot yet
            }
            RedisServer.sleep(50);
        }
        throw new AssertionError("no replica promoted within " + timeoutMillis + " ms");
    }

    /**
     * Runs one command on one server (or, with a {@code null} port, {@code redis-cli} with the arguments alone).
     *
     * @return its output, trimmed
     */
    String cli(Integer port, String... command) {
        List<String> line = new ArrayList<>(List.of("redis-cli", "--raw"));
        if (port != null) {
            line.addAll(List.of("-h", "127.0.0.1", "-p", Integer.toString(port)));
        }
        line.addAll(List.of(command));
        try {
            Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
            if (!cli.waitFor(20, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new IllegalStateException("redis-cli did not finish: " + String.join(" ", command));
            }
            String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (cli.exitValue() != 0 || output.startsWith("Could not connect")) {
                throw new IllegalStateException("redis-cli " + String.join(" ", command) + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("redis-cli must be installed (it comes with redis-server)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (Process process : servers.values()) {
            process.destroyForcibly();
        }
        servers.clear();
    }

    private int liveDataPort() {
        return dataPorts.get(0);
    }

    private static boolean covers(String[] fields, int slot) {
        for (int i = 8; i < fields.length; i++) {
            String range = fields[i];
            if (range.startsWith("[")) {
                continue; // a slot being migrated
            }
            int dash = range.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
            if (slot >= from && slot <= to) {
                return true;
            }
        }
        return false;
    }

    private void start(int port, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toAbsolutePath().toString()));
        command.addAll(List.of(extra));
        options.put(port, command);
        launch(port, command);
        await(port, "PING", "PONG");
    }

    /**
     * Starts a killed data node again with its first options, as an operator would: a cluster node rejoins from its
     * nodes file as a replica of the node that replaced it; a former Sentinel master is made a replica by the
     * sentinels. Waits until it replicates.
     */
    void restart(int port) throws IOException {
        List<String> command = new ArrayList<>(options.get(port));
        launch(port, command);
        dataPorts.add(port);
        await(port, "PING", "PONG");
        await(port, "INFO", "replication", "master_link_status:up");
        if (sentinelPorts.isEmpty()) {
            awaitClusterOk(dataPorts);
        }
    }

    private void launch(int port, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("server-" + port + ".log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        servers.put(port, process);
    }

    private void awaitClusterOk(List<Integer> ports) {
        for (int port : ports) {
            await(port, "CLUSTER", "INFO", "cluster_state:ok");
        }
    }

    private void await(int port, String... commandAndExpected) {
        String expected = commandAndExpected[commandAndExpected.length - 1];
        String[] command = java.util.Arrays.copyOf(commandAndExpected, commandAndExpected.length - 1);
        long deadline = System.currentTimeMillis() + 20_000;
        String last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                last = cli(port, command);
                if (last.contains(expected)) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                last = notYet.getMessage();
            }
            RedisServer.sleep(50);
        }
        throw new IllegalStateException("port " + port + ": " + String.join(" ", command) + " never showed " + expected
                + "; last: " + last);
    }
}
