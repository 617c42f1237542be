// The Leaf templates of Resources/Views, read from the binary (the EmbedResources plugin
// builds them in), so that `loket serve` renders the same pages from any working
// directory: a server's binary is copied to where it runs, without the checkout.
// LOKET_RELOAD_TEMPLATES=1 still reads them from the working directory's Resources/Views,
// for whoever edits the look (configure.swift).

import LeafKit
import NIOCore

struct EmbeddedViews: LeafSource {
    /// Template name ("patients", "base.leaf") to its text, decoded once at start.
    let templates: [String: ByteBuffer]

    init() {
        var templates: [String: ByteBuffer] = [:]
        let folder = "Resources/Views/"
        for path in EmbeddedResources.paths(under: folder) {
            guard let data = EmbeddedResources.data(path) else { continue }
            templates[String(path.dropFirst(folder.count))] = ByteBuffer(bytes: data)
        }
        self.templates = templates
    }

    func file(template: String, escape: Bool, on eventLoop: any EventLoop) throws -> EventLoopFuture<ByteBuffer> {
        var name = template.hasPrefix("/") ? String(template.drop { $0 == "/" }) : template
        if !name.hasSuffix(".leaf") { name += ".leaf" }
        guard let text = templates[name] else {
            return eventLoop.makeFailedFuture(LeafError(.noTemplateExists(template)))
        }
        return eventLoop.makeSucceededFuture(text)
    }
}
