package io.berth.core.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The checkpoint signing key: from {@value #ENV} (PKCS#8, base64) or a key file (the same text,
 * mode 600), generated on first start. The public key lives next to the key file as
 * {@code audit-signing.pub} (PEM), which is what {@code berth audit verify} reads by default.
 */
public final class SigningKeys {
  public static final String ENV = "BERTH_AUDIT_SIGNING_KEY";
  public static final String PUBLIC_FILE_NAME = "audit-signing.pub";

  /** The signer, and the public key when it is known (always, unless the key came from the environment alone). */
  public record Loaded(CheckpointSigner signer, Optional<PublicKey> publicKey, Path publicKeyFile) {}

  private SigningKeys() {}

  /** Where the public key of {@code keyFile} is kept. */
  public static Path publicKeyFile(Path keyFile) {
    Path parent = keyFile.toAbsolutePath().getParent();
    return parent.resolve(PUBLIC_FILE_NAME);
  }

  /**
   * Loads the key from the environment or {@code keyFile}, creating the file (and its public key)
   * when neither exists; {@code announce} hears the new public key once, when it is created.
   */
  public static Loaded loadOrCreate(Map<String, String> env, Path keyFile, Consumer<String> announce) {
    Path pubFile = publicKeyFile(keyFile);
    String fromEnv = env.get(ENV);
    PrivateKey key;
    if (fromEnv != null && !fromEnv.isBlank()) {
      key = privateKey(fromEnv, ENV);
    } else if (Files.exists(keyFile)) {
      key = privateKey(read(keyFile), keyFile.toString());
    } else {
      return create(keyFile, pubFile, announce);
    }
    CheckpointSigner signer = new CheckpointSigner(key);
    if (!Files.exists(pubFile)) return new Loaded(signer, Optional.empty(), pubFile);
    PublicKey pub = readPublic(pubFile);
    if (!signer.matches(pub)) {
      throw new IllegalStateException("the audit signing key does not match " + pubFile
          + ": checkpoints signed with it would fail `berth audit verify`; restore the right key or move the .pub away");
    }
    return new Loaded(signer, Optional.of(pub), pubFile);
  }

  /** Reads a public key file: PEM ({@code BEGIN PUBLIC KEY}) or bare base64 of the X.509 encoding. */
  public static PublicKey readPublic(Path file) {
    String text = read(file)
        .replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " is not an Ed25519 public key (PEM or base64 X.509): " + e.getMessage(), e);
    }
  }

  /** PEM text of a public key. */
  public static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
  }

  private static Loaded create(Path keyFile, Path pubFile, Consumer<String> announce) {
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate Ed25519 keys: " + e.getMessage(), e);
    }
    String encoded = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n";
    try {
      Files.createDirectories(keyFile.toAbsolutePath().getParent());
      writeOwnerOnly(keyFile, encoded);
      Files.writeString(pubFile, pem(pair.getPublic()), StandardCharsets.US_ASCII);
    } catch (FileAlreadyExistsException e) {
      // another process created it first: use theirs
      return loadOrCreate(Map.of(), keyFile, announce);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the audit signing key " + keyFile + ": " + e.getMessage(), e);
    }
    announce.accept("Created the audit checkpoint signing key " + keyFile + " (mode 600). Its public key, in "
        + pubFile + ", is what proves checkpoints genuine: keep a copy off this machine.\n" + pem(pair.getPublic()));
    return new Loaded(new CheckpointSigner(pair.getPrivate()), Optional.of(pair.getPublic()), pubFile);
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    try {
      Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-------");
      Files.createFile(file, PosixFilePermissions.asFileAttribute(mode));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file); // not a POSIX file system: rely on the directory's protection
    }
    Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static PrivateKey privateKey(String base64, String where) {
    try {
      byte[] der = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // never echo the value: it is the secret
      throw new IllegalArgumentException(where + " is not an Ed25519 private key (PKCS#8, base64)", e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
