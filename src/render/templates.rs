//! The templates folder: naming a template on the command line, and loading
//! templates (and what they include or import) only from inside it. A name
//! that is absolute, climbs with `..`, or reaches a file through a link
//! that leaves the folder is refused.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::RenderError;
use crate::source::SourceFile;
use crate::workspace::Workspace;

#[derive(Debug, Clone)]
pub struct TemplateFolder {
    /// As configured, relative to the workspace root (`templates`).
    pub relative: String,
    dir: PathBuf,
    /// The folder with every link resolved; `None` when it does not exist.
    canonical: Option<PathBuf>,
    /// Text of every template loaded so far, by name, so an error can be
    /// placed at a column.
    loaded: Arc<Mutex<HashMap<String, Arc<str>>>>,
}

/// Why a template name cannot be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// Absolute, `..`, or a link out of the folder.
    Outside,
    Unreadable(String),
}

impl TemplateFolder {
    pub fn new(workspace: &Workspace) -> TemplateFolder {
        let relative = workspace.settings.paths.templates.clone();
        let dir = workspace.folder(&relative);
        let canonical = dir.canonicalize().ok().filter(|dir| dir.is_dir());
        TemplateFolder {
            relative,
            dir,
            canonical,
            loaded: Arc::default(),
        }
    }

    /// `templates/NAME`, for messages.
    pub fn display(&self, name: &str) -> String {
        format!("{}/{name}", self.relative.trim_end_matches('/'))
    }

    /// Every template's name (`.md` files below the folder), sorted.
    pub fn names(&self) -> Vec<String> {
        let Some(root) = &self.canonical else {
            return Vec::new();
        };
        let mut names: Vec<String> = walkdir::WalkDir::new(root)
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| {
                entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md")
            })
            .filter_map(|entry| {
                let relative = entry.path().strip_prefix(root).ok()?;
                Some(slashed(relative))
            })
            .collect();
        names.sort();
        names
    }

    /// The template a command-line argument names: a file stem
    /// (`proposal`), a path inside the folder (`proposal.md`,
    /// `partials/intro.md`), or a path to a file inside it from the
    /// current directory (`templates/proposal.md`).
    pub fn resolve(&self, argument: &str) -> Result<String, RenderError> {
        let path = Path::new(argument);
        if is_plain_relative(path) {
            let candidate = if argument.ends_with(".md") {
                argument.to_owned()
            } else {
                format!("{argument}.md")
            };
            match self.path_of(&candidate) {
                Ok(Some(_)) => return Ok(candidate.replace('\\', "/")),
                Ok(None) => {}
                Err(LoadError::Outside) => {
                    return Err(RenderError::TemplateOutside {
                        name: argument.to_owned(),
                        folder: self.relative.clone(),
                    });
                }
                Err(LoadError::Unreadable(reason)) => {
                    return Err(RenderError::Io(format!(
                        "cannot read {}: {reason}",
                        self.display(&candidate)
                    )));
                }
            }
        }
        if path.is_file() {
            let file = path
                .canonicalize()
                .map_err(|error| RenderError::Io(format!("cannot read {argument}: {error}")))?;
            return match self
                .canonical
                .as_ref()
                .and_then(|root| file.strip_prefix(root).ok())
            {
                Some(inside) => Ok(slashed(inside)),
                None => Err(RenderError::TemplateOutside {
                    name: argument.to_owned(),
                    folder: self.relative.clone(),
                }),
            };
        }
        if !is_plain_relative(path) {
            return Err(RenderError::TemplateOutside {
                name: argument.to_owned(),
                folder: self.relative.clone(),
            });
        }
        Err(RenderError::UnknownTemplate {
            name: argument.to_owned(),
            folder: self.relative.clone(),
            available: self
                .names()
                .into_iter()
                .map(|name| name.strip_suffix(".md").map(str::to_owned).unwrap_or(name))
                .collect(),
        })
    }

    /// Where the template `name` is, if it exists inside the folder.
    fn path_of(&self, name: &str) -> Result<Option<PathBuf>, LoadError> {
        if name.is_empty() || !is_plain_relative(Path::new(name)) {
            return Err(LoadError::Outside);
        }
        let Some(root) = &self.canonical else {
            return Ok(None);
        };
        let file = match self.dir.join(name).canonicalize() {
            Ok(file) => file,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(LoadError::Unreadable(error.to_string())),
        };
        if !file.starts_with(root) {
            return Err(LoadError::Outside);
        }
        Ok(file.is_file().then_some(file))
    }

    /// The text of template `name` as MiniJinja reads it, its front
    /// matter blanked out; `Ok(None)` when there is no such file.
    pub fn read(&self, name: &str) -> Result<Option<String>, LoadError> {
        let Some(text) = self.read_raw(name)? else {
            return Ok(None);
        };
        let text = super::header::blank(&text).into_owned();
        self.loaded
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(name.to_owned(), Arc::from(text.as_str()));
        Ok(Some(text))
    }

    /// Template `name` as a source file, front matter included, for
    /// reading its header. Line ends are normalised to `\n` and a
    /// byte-order mark dropped.
    pub fn source(&self, name: &str) -> Result<Option<SourceFile>, LoadError> {
        let Some(path) = self.path_of(name)? else {
            return Ok(None);
        };
        let Some(text) = self.read_raw(name)? else {
            return Ok(None);
        };
        Ok(Some(SourceFile::new(
            Arc::from(path.as_path()),
            self.display(name),
            text,
        )))
    }

    fn read_raw(&self, name: &str) -> Result<Option<String>, LoadError> {
        let Some(path) = self.path_of(name)? else {
            return Ok(None);
        };
        let bytes =
            std::fs::read(&path).map_err(|error| LoadError::Unreadable(error.to_string()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| LoadError::Unreadable("not valid UTF-8".into()))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        Ok(Some(if text.contains('\r') {
            text.replace("\r\n", "\n")
        } else {
            text.to_owned()
        }))
    }

    /// The text of a template loaded earlier, for placing an error.
    pub fn loaded(&self, name: &str) -> Option<Arc<str>> {
        self.loaded
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(name)
            .cloned()
    }

    /// A MiniJinja loader that serves `include`, `import` and `extends`
    /// from this folder only.
    pub fn loader(
        &self,
    ) -> impl Fn(&str) -> Result<Option<String>, minijinja::Error> + Send + Sync + 'static {
        let folder = self.clone();
        move |name| match folder.read(name) {
            Ok(text) => Ok(text),
            Err(LoadError::Outside) => Err(minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                format!(
                    "`{name}` is outside {}/: templates include and import only files inside it",
                    folder.relative.trim_end_matches('/')
                ),
            )),
            Err(LoadError::Unreadable(reason)) => Err(minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                format!("cannot read {}: {reason}", folder.display(name)),
            )),
        }
    }
}

/// Relative, with no `..`, root or drive prefix.
fn is_plain_relative(path: &Path) -> bool {
    path.components()
        .all(|part| matches!(part, Component::Normal(_) | Component::CurDir))
}

fn slashed(path: &Path) -> String {
    path.components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_relative_names() {
        assert!(is_plain_relative(Path::new("proposal.md")));
        assert!(is_plain_relative(Path::new("partials/./intro.md")));
        assert!(!is_plain_relative(Path::new("../align.toml")));
        assert!(!is_plain_relative(Path::new("partials/../../x.md")));
        assert!(!is_plain_relative(Path::new("/etc/passwd")));
    }
}
