// Build plugin: embeds a target's data files into it (Sources/EmbedTool writes them as a
// Swift file). Which folders a target embeds is listed here, relative to the package root;
// a file added to such a folder is embedded on the next build.

import Foundation
import PackagePlugin

@main
struct EmbedResources: BuildToolPlugin {
    /// The folders each target embeds.
    static let folders: [String: [String]] = [
        "LoketCore": ["Resources/Layouts", "Resources/Formats"],
        "LoketApp": ["Resources/Views", "Public", "Resources/OpenAPI"],
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var files: [String] = []
        for folder in Self.folders[target.name] ?? [] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                files.append(folder + "/" + url.path.dropFirst(base.path.count + 1))
            }
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedResources.swift")
        return [.buildCommand(
            displayName: "Embedding \(files.count) resource files in \(target.name)",
            executable: try context.tool(named: "EmbedTool").url,
            arguments: [output.path, "EmbeddedResources", root.path] + files.sorted(),
            inputFiles: files.map { root.appendingPathComponent($0) },
            outputFiles: [output])]
    }
}
