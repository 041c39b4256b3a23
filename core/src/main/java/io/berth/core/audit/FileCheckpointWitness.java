package io.berth.core.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends each checkpoint as one JSON line to a file (best on other storage: a mount, a synced
 * folder, a log shipper's input). Lines are appended and fsynced; concurrent processes interleave
 * whole lines because each is one O_APPEND write.
 */
public final class FileCheckpointWitness implements CheckpointWitness {
  private final Path file;

  public FileCheckpointWitness(Path file) {
    this.file = file;
  }

  @Override
  public String describe() {
    return "witness file " + file;
  }

  @Override
  public synchronized void witness(Checkpoint c) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    byte[] line = (CheckpointJson.toLine(c) + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) ch.write(buf);
      ch.force(true);
    }
  }

  /** Every checkpoint in a witness file, in file order; a line that is not one is an error naming its number. */
  public static List<Checkpoint> read(Path file) {
    List<Checkpoint> out = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the witness file " + file + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) continue;
      try {
        out.add(CheckpointJson.fromLine(lines.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
