// Serialises deliveries of one practice and period inside this process. Together with
// the row lock a definitive delivery takes on its practice (PostgreSQL, several
// instances), two definitive runs for the same practice never interleave; SQLite, one
// file for one instance, relies on this lock alone.

actor DeliveryLock {
    static let shared = DeliveryLock()

    private var busy: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    func run<T: Sendable>(_ key: String, _ body: @Sendable () async throws -> T) async throws -> T {
        await acquire(key)
        do {
            let result = try await body()
            release(key)
            return result
        } catch {
            release(key)
            throw error
        }
    }

    private func acquire(_ key: String) async {
        if !busy.contains(key) {
            busy.insert(key)
            return
        }
        await withCheckedContinuation { waiting[key, default: []].append($0) }
    }

    private func release(_ key: String) {
        if var queue = waiting[key], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[key] = queue
            next.resume()  // the lock passes straight to the next in line
        } else {
            busy.remove(key)
            waiting[key] = nil
        }
    }
}
