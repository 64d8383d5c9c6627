package io.metroscope.format;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads Stanford PLY meshes: ASCII, binary little- and big-endian.
 *
 * <p>Vertex properties may come in any order; x, y, z are required, nx/ny/nz and red/green/blue (also r/g/b,
 * diffuse_*) are used when all three are present, and everything else is skipped, as are elements other than
 * vertex and face. Faces come from the {@code vertex_indices} or {@code vertex_index} list and are
 * fan-triangulated. Declared counts are checked against the file size before anything is allocated.
 */
public final class PlyReader {
    private enum Role { SKIP, X, Y, Z, NX, NY, NZ, R, G, B }

    private final Path file;
    private final PlyHeader header;
    private final PlyValues values;

    private PlyReader(Path file, PlyHeader header, PlyValues values) {
        this.file = file;
        this.header = header;
        this.values = values;
    }

    public static MeshData read(Path file) throws FormatException {
        long fileSize = MeshInput.size(file);
        try (InputStream in = new BufferedInputStream(MeshInput.open(file), 1 << 16)) {
            PlyHeader header = PlyHeader.read(file, in);
            checkDeclaredSizes(file, header, fileSize);
            return new PlyReader(file, header, PlyValues.of(file, header, in)).readBody();
        } catch (IOException e) {
            throw MeshInput.failure(file, e);
        }
    }

    /** Refuses headers whose counts cannot fit in the file, before any count-sized allocation. */
    static void checkDeclaredSizes(Path file, PlyHeader header, long fileSize) throws FormatException {
        PlyHeader.Element vertex = header.element("vertex");
        if (vertex == null) {
            throw new FormatException(file, "the header declares no 'vertex' element",
                    "this PLY holds no mesh vertices; export the mesh with its vertices");
        }
        if (vertex.count() > MeshBuffers.MAX_LENGTH / 3) {
            throw new FormatException(file, "the header declares " + vertex.count()
                    + " vertices, more than Metroscope can hold (" + MeshBuffers.MAX_LENGTH / 3 + ")",
                    "simplify the mesh before loading it");
        }
        boolean binary = header.encoding() != PlyHeader.Encoding.ASCII;
        long available = fileSize - header.bodyOffset();
        long needed = 0;
        for (PlyHeader.Element e : header.elements()) {
            // ASCII: each value needs a character and a separator; the very last one may lack its newline.
            long row = binary ? e.minBinaryRowSize() : 2L * e.properties().size();
            long room = binary ? available - needed : available + 1 - needed;
            if (row > 0 && e.count() > Math.max(0, room) / row) {
                throw new FormatException(file, "the header declares " + e.count() + " '" + e.name()
                        + "' rows, which need at least " + multiplySaturated(e.count(), row) + " more bytes, but only "
                        + Math.max(0, available - needed) + " bytes remain in the file",
                        "the file is truncated or its header is wrong; copy or export it again");
            }
            needed += e.count() * row;
        }
    }

    private static String multiplySaturated(long a, long b) {
        return java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b)).toString();
    }

    private MeshData readBody() throws FormatException {
        PlyHeader.Element vertex = header.element("vertex");
        int vertexCount = (int) vertex.count();
        Role[] roles = roles(vertex.properties());
        boolean hasNormals = has(roles, Role.NX) && has(roles, Role.NY) && has(roles, Role.NZ);
        boolean hasColors = has(roles, Role.R) && has(roles, Role.G) && has(roles, Role.B);
        // Normals or colours with a component missing (nx, nz without ny) are skipped, as documented.
        for (int k = 0; k < roles.length; k++) {
            boolean normal = roles[k] == Role.NX || roles[k] == Role.NY || roles[k] == Role.NZ;
            boolean color = roles[k] == Role.R || roles[k] == Role.G || roles[k] == Role.B;
            if (normal && !hasNormals || color && !hasColors) {
                roles[k] = Role.SKIP;
            }
        }
        for (Role axis : new Role[] {Role.X, Role.Y, Role.Z}) {
            if (!has(roles, axis)) {
                throw new FormatException(file, "the vertex element has no '" + axis.name().toLowerCase()
                        + "' property", "export the mesh with vertex positions x, y, z");
            }
        }
        float[] positions = new float[vertexCount * 3];
        float[] normals = hasNormals ? new float[vertexCount * 3] : null;
        float[] colors = hasColors ? new float[vertexCount * 3] : null;
        MeshBuffers.Ints triangles = new MeshBuffers.Ints();

        for (PlyHeader.Element e : header.elements()) {
            if (e == vertex) {
                readVertices(e, roles, positions, normals, colors);
            } else if (e.name().equalsIgnoreCase("face")) {
                readFaces(e, vertexCount, triangles);
            } else {
                skipRows(e);
            }
        }
        return new MeshData(positions, triangles.toArray(), normals, colors);
    }

    private void readVertices(PlyHeader.Element e, Role[] roles, float[] positions, float[] normals, float[] colors)
            throws FormatException {
        List<PlyHeader.Property> props = e.properties();
        for (int v = 0; v < e.count(); v++) {
            values.at("vertex", v, e.count());
            for (int k = 0; k < roles.length; k++) {
                PlyHeader.Property p = props.get(k);
                if (p.isList()) {
                    skipList(p);
                    continue;
                }
                if (roles[k] == Role.SKIP) {
                    values.skip(p.type());
                    continue;
                }
                double d = values.readDouble(p.type());
                switch (roles[k]) {
                    case X, Y, Z -> positions[3 * v + roles[k].ordinal() - Role.X.ordinal()] = finite(d, p);
                    case NX, NY, NZ -> normals[3 * v + roles[k].ordinal() - Role.NX.ordinal()] = finite(d, p);
                    case R, G, B -> colors[3 * v + roles[k].ordinal() - Role.R.ordinal()] =
                            MeshColors.clamp01(d / colorScale(p.type()));
                    default -> throw new AssertionError(roles[k]);
                }
            }
        }
    }

    private float finite(double d, PlyHeader.Property p) throws FormatException {
        float f = (float) d;
        if (!Float.isFinite(f)) {
            throw values.error("property '" + p.name() + "' is " + d + ", not a finite float",
                    "fix the value or re-export the mesh");
        }
        return f;
    }

    private static double colorScale(PlyHeader.Type t) {
        return switch (t) {
            case FLOAT, DOUBLE -> 1.0;
            case SHORT, USHORT -> 65535.0;
            default -> 255.0;
        };
    }

    private void readFaces(PlyHeader.Element e, int vertexCount, MeshBuffers.Ints triangles) throws FormatException {
        List<PlyHeader.Property> props = e.properties();
        int indexProp = -1;
        for (int k = 0; k < props.size(); k++) {
            String n = props.get(k).name();
            if (props.get(k).isList() && (n.equals("vertex_indices") || n.equals("vertex_index"))) {
                indexProp = k;
                break;
            }
        }
        if (indexProp < 0 && e.count() > 0) {
            throw new FormatException(file, "the face element has no 'vertex_indices' or 'vertex_index' list",
                    "export the faces with a vertex index list");
        }
        for (long f = 0; f < e.count(); f++) {
            values.at("face", f, e.count());
            for (int k = 0; k < props.size(); k++) {
                PlyHeader.Property p = props.get(k);
                if (k == indexProp) {
                    readPolygon(p, vertexCount, triangles);
                } else if (p.isList()) {
                    skipList(p);
                } else {
                    values.skip(p.type());
                }
            }
        }
    }

    private void readPolygon(PlyHeader.Property p, int vertexCount, MeshBuffers.Ints triangles)
            throws FormatException {
        long n = values.readLong(p.countType());
        if (n < 3) {
            throw values.error("polygon has " + n + " vertices; at least 3 are needed",
                    "remove degenerate faces or re-export the mesh");
        }
        // Streamed fan: only the first and previous corner are kept, so a huge declared n allocates nothing.
        int first = index(p, vertexCount);
        int prev = index(p, vertexCount);
        for (long k = 2; k < n; k++) {
            int next = index(p, vertexCount);
            if (triangles.size() > MeshBuffers.MAX_LENGTH - 3) {
                throw values.error("more triangles than Metroscope can hold", "simplify the mesh before loading it");
            }
            triangles.add(first);
            triangles.add(prev);
            triangles.add(next);
            prev = next;
        }
    }

    private int index(PlyHeader.Property p, int vertexCount) throws FormatException {
        long i = values.readLong(p.type());
        if (i < 0 || i >= vertexCount) {
            throw values.error("vertex index " + i + " is out of range (the file has " + vertexCount + " vertices)",
                    "the file is damaged, or its indices are not 0-based; re-export the mesh");
        }
        return (int) i;
    }

    private void skipRows(PlyHeader.Element e) throws FormatException {
        for (long r = 0; r < e.count(); r++) {
            values.at(e.name(), r, e.count());
            for (PlyHeader.Property p : e.properties()) {
                if (p.isList()) {
                    skipList(p);
                } else {
                    values.skip(p.type());
                }
            }
        }
    }

    private void skipList(PlyHeader.Property p) throws FormatException {
        long n = values.readLong(p.countType());
        if (n < 0) {
            throw values.error("list '" + p.name() + "' has negative length " + n, "re-export the mesh");
        }
        for (long k = 0; k < n; k++) {
            values.skip(p.type());
        }
    }

    private static Role[] roles(List<PlyHeader.Property> props) {
        Role[] roles = new Role[props.size()];
        for (int k = 0; k < roles.length; k++) {
            roles[k] = props.get(k).isList() ? Role.SKIP : role(props.get(k).name());
        }
        return roles;
    }

    private static Role role(String name) {
        return switch (name) {
            case "x" -> Role.X;
            case "y" -> Role.Y;
            case "z" -> Role.Z;
            case "nx" -> Role.NX;
            case "ny" -> Role.NY;
            case "nz" -> Role.NZ;
            case "red", "r", "diffuse_red" -> Role.R;
            case "green", "g", "diffuse_green" -> Role.G;
            case "blue", "b", "diffuse_blue" -> Role.B;
            default -> Role.SKIP;
        };
    }

    private static boolean has(Role[] roles, Role r) {
        for (Role x : roles) {
            if (x == r) {
                return true;
            }
        }
        return false;
    }
}
