package cn.nekj.tools.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A non-unique index, which mongo-java-server 1.47 accepts but ignores (every query on such a field scanned
 * the whole collection: a listing write, its audit entry and its notices each scanned theirs). Held in
 * memory and rebuilt from the documents when the server opens the collection (the server fills an empty
 * index itself).
 *
 * <p>The entries form a tree with one level per key of the index, so a query with equality on the first j keys
 * (j >= 1) gets only the documents under those values: the audit history of one object ({@code entity,
 * entityId, at}) no longer hands over every audit entry of its kind. A document that holds no plannable value
 * for a key sits under {@link #OTHER} at that level, which equality never looks up, so prefixes of the keys
 * before it still find it. Array values give one path per element. Children keep the order their values were
 * first stored in, so an unsorted query gets a one-key lookup's documents in the order they were written
 * (the audit history of one object comes back oldest first, as from MongoDB's {@code at} index).
 *
 * <p>Positions are the documents' {@code _id} values (the H2 backend's positions). Reported as sparse, as the
 * server's own placeholder was, so that documents without the first key need no entry.
 */
final class SecondaryIndex extends Index<Object> implements Planned {

    /** The value of a level for documents that hold no plannable value for that key. */
    private static final Object OTHER = new Object();

    /** One level of the tree: children by value, or (at the last level) the positions; and how many below. */
    private static final class Node {
        final Map<Object, Node> children = new LinkedHashMap<>();
        final Set<Object> positions = new LinkedHashSet<>();
        long count;
    }

    private final List<String> keys = new ArrayList<>();
    private final boolean plannable;
    private final Planned.Siblings siblings;
    private final Node root = new Node();

    SecondaryIndex(String name, List<IndexKey> keys, Planned.Siblings siblings) {
        super(name, keys, true);
        for (IndexKey k : keys) {
            this.keys.add(k.getKey());
        }
        this.plannable = QueryKeys.plannable(this.keys.get(0));
        this.siblings = siblings;
        siblings.add(this);
    }

    /** The values a document holds per key; a key without plannable values holds {@link #OTHER}. */
    private List<Set<Object>> heldBy(Document document) {
        List<Set<Object>> levels = new ArrayList<>(keys.size());
        for (String key : keys) {
            Set<Object> values = new HashSet<>();
            if (QueryKeys.plannable(key)) {
                QueryKeys.held(document, key, values);
            }
            if (values.isEmpty()) {
                values.add(OTHER);
            }
            levels.add(values);
        }
        return levels;
    }

    /** Whether the document has an entry: sparse on the first key, as before. */
    private static boolean indexed(List<Set<Object>> levels) {
        return !levels.get(0).contains(OTHER);
    }

    private static Object positionOf(Document document) {
        return document.get("_id");
    }

    /** The values wanted for each key of the longest prefix the query asks by equality, or null for none. */
    private List<List<Object>> wantedPrefix(Document query) {
        if (!plannable) {
            return null;
        }
        List<List<Object>> prefix = new ArrayList<>();
        for (String key : keys) {
            List<Object> wanted = QueryKeys.plannable(key) ? QueryKeys.wanted(query, key) : null;
            if (wanted == null) {
                break;
            }
            prefix.add(wanted);
        }
        return prefix.isEmpty() ? null : prefix;
    }

    /** The nodes reached by the wanted prefix. */
    private List<Node> reached(List<List<Object>> prefix) {
        List<Node> level = List.of(root);
        for (List<Object> wanted : prefix) {
            List<Node> next = new ArrayList<>();
            for (Node n : level) {
                for (Object v : wanted) {
                    Node child = n.children.get(v);
                    if (child != null) {
                        next.add(child);
                    }
                }
            }
            level = next;
        }
        return level;
    }

    @Override
    public synchronized long cost(Document query) {
        List<List<Object>> prefix = wantedPrefix(query);
        if (prefix == null) {
            return Long.MAX_VALUE;
        }
        long n = 0;
        for (Node node : reached(prefix)) {
            n += node.count;
        }
        return n;
    }

    @Override
    public boolean canHandle(Document query) {
        return siblings.best(this, query);
    }

    private static void collect(Node node, Set<Object> into) {
        into.addAll(node.positions);
        for (Node child : node.children.values()) {
            collect(child, into);
        }
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        Set<Object> found = new LinkedHashSet<>();
        for (Node node : reached(wantedPrefix(query))) {
            collect(node, found);
        }
        // A copy: an update or delete walks these positions while changing the entries.
        return new ArrayList<>(found);
    }

    /** Adds (or removes) the position on every path the levels give; answers whether any entry changed. */
    private boolean walk(Node node, List<Set<Object>> levels, int depth, Object position, boolean add) {
        if (depth == levels.size()) {
            boolean changed = add ? node.positions.add(position) : node.positions.remove(position);
            if (changed) {
                node.count += add ? 1 : -1;
            }
            return changed;
        }
        boolean any = false;
        for (Object v : levels.get(depth)) {
            Node child = node.children.get(v);
            if (child == null) {
                if (!add) {
                    continue;
                }
                child = new Node();
                node.children.put(v, child);
            }
            long before = child.count;
            if (walk(child, levels, depth + 1, position, add)) {
                any = true;
            }
            node.count += child.count - before;
            if (child.count == 0) {
                node.children.remove(v);
            }
        }
        return any;
    }

    private void put(List<Set<Object>> levels, Object position) {
        if (indexed(levels)) {
            walk(root, levels, 0, position, true);
        }
    }

    private boolean drop(List<Set<Object>> levels, Object position) {
        return indexed(levels) && walk(root, levels, 0, position, false);
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        put(heldBy(document), position);
    }

    @Override
    public synchronized Object remove(Document document) {
        Object position = positionOf(document);
        return drop(heldBy(document), position) ? position : null;
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
                                           MongoCollection<Object> collection) {
        List<Set<Object>> before = heldBy(oldDocument);
        List<Set<Object>> after = heldBy(newDocument);
        if (before.equals(after)) {
            return;
        }
        drop(before, position);
        put(after, position);
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // Not unique: nothing to refuse.
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // Not unique: nothing to refuse.
    }

    @Override
    public synchronized long getCount() {
        return root.count;
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void drop() {
        // Out of the planner first, without this index's lock: the planner takes its own lock, then each
        // index's (cost), so taking them the other way round here could deadlock with a query.
        siblings.remove(this);
        synchronized (this) {
            root.children.clear();
            root.positions.clear();
            root.count = 0;
        }
    }
}
