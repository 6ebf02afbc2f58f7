//! Finding and opening a workspace: `align.toml` at its root (found by
//! walking up from the current directory, like cargo), the map, and the
//! lists of collateral, criteria, account, template and lead files.

pub mod business_hours;
pub mod feedback_settings;
pub mod leads_import;
pub mod presets;
pub mod settings;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use settings::Settings;

use crate::codes::files::AL001;
use crate::diagnostic::{Diagnostic, Position};
use crate::map::Map;
use crate::source::SourceFile;

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("no align.toml in {} or any parent directory", .0.display())]
    NotFound(PathBuf),
    #[error("{} is not a directory", .0.display())]
    NotADirectory(PathBuf),
    #[error("cannot read {}: {source}", .path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// A loaded workspace: settings and map read, other files listed.
#[derive(Debug)]
pub struct Workspace {
    pub root: PathBuf,
    pub settings: Settings,
    pub settings_source: Arc<SourceFile>,
    pub map: Map,
    pub map_files: Vec<Arc<SourceFile>>,
    /// Problems found while reading `align.toml` and the map.
    pub diagnostics: Vec<Diagnostic>,
    /// `align.toml` could not be read at all (AL001): the settings are
    /// defaults, so nothing else was read and no command may go on.
    pub settings_unreadable: bool,
}

/// The directory holding `align.toml`: `start` itself or its nearest parent.
pub fn discover(start: &Path) -> Result<PathBuf, WorkspaceError> {
    let start = if start.as_os_str().is_empty() {
        Path::new(".")
    } else {
        start
    };
    let absolute = std::path::absolute(start).map_err(|source| WorkspaceError::Io {
        path: start.to_path_buf(),
        source,
    })?;
    let mut dir = absolute.as_path();
    loop {
        if dir.join("align.toml").is_file() {
            return Ok(dir.to_path_buf());
        }
        match dir.parent() {
            Some(parent) => dir = parent,
            None => return Err(WorkspaceError::NotFound(absolute)),
        }
    }
}

/// Opens the workspace whose root is `root` (a directory given on the
/// command line must itself hold `align.toml`).
pub fn open_root(root: &Path) -> Result<Workspace, WorkspaceError> {
    check_root(root)?;
    let mut workspace = open_settings(root.to_path_buf())?;
    workspace.load_map();
    Ok(workspace)
}

/// Opens the workspace whose root is `root` and, while its map is parsed
/// (the slow part of opening a large workspace), runs `alongside` on the
/// workspace as far as it is read: settings, no map. `lint
/// --changed-since` asks git what changed meanwhile.
pub fn open_root_with<T: Send>(
    root: &Path,
    alongside: impl FnOnce(&Workspace) -> T + Send,
) -> Result<(Workspace, T), WorkspaceError> {
    check_root(root)?;
    let mut workspace = open_settings(root.to_path_buf())?;
    if workspace.settings_unreadable {
        let side = alongside(&workspace);
        return Ok((workspace, side));
    }
    let (map, side) = rayon::join(|| workspace.read_map(), || alongside(&workspace));
    workspace.set_map(map);
    Ok((workspace, side))
}

/// A directory given on the command line must itself hold `align.toml`.
fn check_root(root: &Path) -> Result<(), WorkspaceError> {
    if !root.is_dir() {
        return Err(WorkspaceError::NotADirectory(root.to_path_buf()));
    }
    if !root.join("align.toml").is_file() {
        return Err(WorkspaceError::NotFound(root.to_path_buf()));
    }
    Ok(())
}

/// The map as read from its files, with the problems found reading it.
struct LoadedMap {
    map: Map,
    files: Vec<Arc<SourceFile>>,
    problems: Vec<Diagnostic>,
}

/// The workspace with `align.toml` read and the map still empty.
fn open_settings(root: PathBuf) -> Result<Workspace, WorkspaceError> {
    let settings_path = root.join("align.toml");
    let text = fs::read(&settings_path).map_err(|source| WorkspaceError::Io {
        path: settings_path.clone(),
        source,
    })?;
    let mut diagnostics = Vec::new();
    let settings_source = Arc::new(match String::from_utf8(text) {
        Ok(text) => SourceFile::new(
            Arc::from(settings_path.as_path()),
            "align.toml".into(),
            text,
        ),
        Err(_) => {
            let source = SourceFile::new(
                Arc::from(settings_path.as_path()),
                "align.toml".into(),
                String::new(),
            );
            diagnostics.push(source.file_diagnostic(&AL001, "align.toml is not valid UTF-8"));
            source
        }
    });
    // Invalid UTF-8 (already reported) leaves nothing to parse.
    let parsed = if diagnostics.is_empty() {
        crate::syntax::toml::parse(&settings_source.text).map_err(|error| {
            diagnostics.push(settings_source.diagnostic(&AL001, error.span, error.message));
        })
    } else {
        Err(())
    };
    let settings_unreadable = parsed.is_err();
    let settings = match parsed {
        Ok(root_value) => Settings::read(&root_value, &settings_source, &mut diagnostics),
        Err(()) => Settings::default(),
    };
    Ok(Workspace {
        root,
        settings,
        settings_source,
        map: Map::default(),
        map_files: Vec::new(),
        diagnostics,
        settings_unreadable,
    })
}

impl Workspace {
    /// Reads the map into a workspace opened by `open_settings`. Paths,
    /// kinds and hours of an unreadable align.toml were not read: checking
    /// anything against the defaults would only bury the one real problem.
    fn load_map(&mut self) {
        if !self.settings_unreadable {
            let map = self.read_map();
            self.set_map(map);
        }
    }

    fn read_map(&self) -> LoadedMap {
        let (files, mut problems) = self.read_sources(&self.settings.paths.map, "toml");
        let map = crate::map::load(&files, &mut problems);
        LoadedMap {
            map,
            files,
            problems,
        }
    }

    fn set_map(&mut self, loaded: LoadedMap) {
        self.diagnostics.extend(loaded.problems);
        self.map = loaded.map;
        self.map_files = loaded.files;
    }

    /// Opens the workspace at `dir` if given, else the one around the
    /// current directory.
    pub fn locate(dir: Option<&Path>) -> Result<Workspace, WorkspaceError> {
        match dir {
            Some(dir) => open_root(dir),
            None => {
                let cwd = std::env::current_dir().map_err(|source| WorkspaceError::Io {
                    path: PathBuf::from("."),
                    source,
                })?;
                let mut workspace = open_settings(discover(&cwd)?)?;
                workspace.load_map();
                Ok(workspace)
            }
        }
    }

    /// A finding on one line, `path:line:col: CODE message`, for errors
    /// that stop a command rather than a lint report.
    pub fn one_line(&self, diagnostic: &Diagnostic) -> String {
        format!(
            "{}:{}:{}: {} {}",
            self.relative(&diagnostic.path),
            diagnostic.start.line,
            diagnostic.start.column,
            diagnostic.code(),
            diagnostic.message
        )
    }

    /// A configured folder, relative to the root.
    pub fn folder(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// The path of `path` relative to the root, with `/` separators.
    pub fn relative(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        relative
            .components()
            .map(|part| part.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Files directly inside a configured folder with the given extension,
    /// sorted by name. A missing folder has none.
    pub fn files(&self, folder: &str, extension: &str) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.folder(folder)) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == extension) && !path.is_dir())
            .collect();
        files.sort();
        files
    }

    /// Every file below a configured folder with the given extension,
    /// following links; a link loop or an unreadable directory is AL001.
    /// Entries that are not regular files (a FIFO, a device) are listed
    /// too, so that `read_source` names them instead of their being
    /// skipped without a word.
    pub fn files_below(&self, folder: &str, extension: &str) -> (Vec<PathBuf>, Vec<Diagnostic>) {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        let dir = self.folder(folder);
        if !dir.exists() {
            return (files, problems);
        }
        let walk = walkdir::WalkDir::new(&dir)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walk {
            match entry {
                Ok(entry) => {
                    let path = entry.path();
                    if !entry.file_type().is_dir()
                        && path.extension().is_some_and(|ext| ext == extension)
                    {
                        files.push(path.to_path_buf());
                    }
                }
                Err(error) => {
                    let path = error.path().unwrap_or(&dir).to_path_buf();
                    let message = if error.loop_ancestor().is_some() {
                        "symbolic link loop".to_owned()
                    } else {
                        format!(
                            "cannot read: {}",
                            error
                                .io_error()
                                .map_or_else(|| error.to_string(), ToString::to_string)
                        )
                    };
                    problems.push(Diagnostic::at(
                        &AL001,
                        Arc::from(path.as_path()),
                        Position::START,
                        Position::START,
                        message,
                    ));
                }
            }
        }
        (files, problems)
    }

    /// Reads every `extension` file of a folder as text.
    pub fn read_sources(
        &self,
        folder: &str,
        extension: &str,
    ) -> (Vec<Arc<SourceFile>>, Vec<Diagnostic>) {
        let mut sources = Vec::new();
        let mut problems = Vec::new();
        for path in self.files(folder, extension) {
            match read_source(&path, self.relative(&path)) {
                Ok(source) => sources.push(Arc::new(source)),
                Err(problem) => problems.push(*problem),
            }
        }
        (sources, problems)
    }
}

/// Reads a text file; an unreadable, non-UTF-8, binary or empty file is a
/// finding (AL001) instead. So is anything that is not a regular file,
/// which is never opened: opening a FIFO blocks until something writes.
pub fn read_source(path: &Path, relative: String) -> Result<SourceFile, Box<Diagnostic>> {
    let at_start = |message: String| {
        Box::new(Diagnostic::at(
            &AL001,
            Arc::from(path),
            Position::START,
            Position::START,
            message,
        ))
    };
    let metadata =
        fs::metadata(path).map_err(|error| at_start(format!("cannot read file: {error}")))?;
    if !metadata.is_file() {
        return Err(at_start(format!(
            "{} is not a regular file; skipped",
            crate::write::describe_file_type(&metadata.file_type())
        )));
    }
    let bytes = fs::read(path).map_err(|error| at_start(format!("cannot read file: {error}")))?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(at_start("file is empty".into()));
    }
    if memchr::memchr(0, &bytes).is_some() {
        return Err(at_start("file is binary, not text".into()));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(Arc::from(path), relative, text)),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            // Point at the first bad byte, in a lossy copy of the text.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let offset = String::from_utf8_lossy(&bytes[..valid]).len();
            let source = SourceFile::new(Arc::from(path), relative, text);
            Err(Box::new(
                source
                    .diagnostic(&AL001, offset..offset + 1, "file is not valid UTF-8")
                    .with_help("save the file as UTF-8"),
            ))
        }
    }
}
