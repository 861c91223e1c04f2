using System.Text.Json;
using GilScan.Semantics.Catalog;
using GilScan.Semantics.Tests.Support;

namespace GilScan.Semantics.Tests.Catalog;

public class CallCatalogTests
{
    private static string CatalogPath =>
        Path.Combine(GilScan.Syntax.Tests.Support.PythonReference.RepositoryRoot, "rules", "knowledge", "calls");

    [Fact]
    public void Every_entry_of_the_data_files_names_a_source_or_a_reason()
    {
        var entries = new List<JsonElement>();
        foreach (var file in Directory.GetFiles(CatalogPath, "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            entries.AddRange(document.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone()));
        }

        entries.Count.ShouldBeGreaterThan(100);
        var missing = entries
            .Where(e => !(e.TryGetProperty("source", out var s) && s.GetString()!.StartsWith("https://", StringComparison.Ordinal))
                        && !(e.TryGetProperty("reason", out var r) && r.GetString()!.Length >= 10))
            .Select(e => e.GetProperty("name").GetString())
            .ToList();
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void The_embedded_catalog_is_the_data_files()
    {
        CallCatalog.Default.Entries.Count.ShouldBe(CallCatalog.Load(CatalogPath).Entries.Count);
        CallCatalog.Default.Entries.Select(e => e.Name).ShouldBe(CallCatalog.Load(CatalogPath).Entries.Select(e => e.Name));
    }

    [Theory]
    [InlineData("json.loads", CallCategory.GilHoldingCpu)]
    [InlineData("re.sub", CallCategory.GilHoldingCpu)]
    [InlineData("builtins.sorted", CallCategory.GilHoldingCpu)]
    [InlineData("pickle.dumps", CallCategory.GilHoldingCpu)]
    [InlineData("numpy.dot", CallCategory.GilReleasingNative)]
    [InlineData("numpy.linalg.svd", CallCategory.GilReleasingNative)]
    [InlineData("numpy.ndarray.sum", CallCategory.GilReleasingNative)]
    [InlineData("numpy.array", CallCategory.GilHoldingCpu)]
    [InlineData("zlib.compress", CallCategory.GilReleasingNative)]
    [InlineData("bz2.decompress", CallCategory.GilReleasingNative)]
    [InlineData("lzma.LZMACompressor.compress", CallCategory.GilReleasingNative)]
    [InlineData("lxml.etree.fromstring", CallCategory.GilReleasingNative)]
    [InlineData("PIL.Image.Image.resize", CallCategory.GilReleasingNative)]
    [InlineData("time.sleep", CallCategory.BlockingIo)]
    [InlineData("requests.get", CallCategory.BlockingIo)]
    [InlineData("requests.Session.post", CallCategory.BlockingIo)]
    [InlineData("requests.Session", CallCategory.Cheap)]
    [InlineData("builtins.open", CallCategory.BlockingIo)]
    [InlineData("io.TextIOWrapper.read", CallCategory.BlockingIo)]
    [InlineData("subprocess.run", CallCategory.BlockingIo)]
    [InlineData("urllib.request.urlopen", CallCategory.BlockingIo)]
    [InlineData("socket.socket.recv", CallCategory.BlockingIo)]
    [InlineData("concurrent.futures.ThreadPoolExecutor", CallCategory.Cheap)]
    [InlineData("math.sqrt", CallCategory.Cheap)]
    [InlineData("pandas.read_csv", CallCategory.BlockingIo)]
    [InlineData("pandas.DataFrame.apply", CallCategory.GilHoldingCpu)]
    [InlineData("pandas.DataFrame.merge", CallCategory.GilReleasingNative)]
    [InlineData("pandas.core.groupby.DataFrameGroupBy.sum", CallCategory.GilReleasingNative)]
    [InlineData("pandas.DataFrame.head", CallCategory.Cheap)]
    [InlineData("numpy.load", CallCategory.BlockingIo)]
    [InlineData("numpy.vectorize.__call__", CallCategory.GilHoldingCpu)]
    [InlineData("PIL.Image.Image.save", CallCategory.BlockingIo)]
    [InlineData("PIL.ImageOps.grayscale", CallCategory.GilReleasingNative)]
    [InlineData("cv2.imread", CallCategory.BlockingIo)]
    [InlineData("cv2.waitKey", CallCategory.BlockingIo)]
    [InlineData("cv2.GaussianBlur", CallCategory.GilReleasingNative)]
    [InlineData("torch.nn.Module.__call__", CallCategory.GilReleasingNative)]
    [InlineData("torch.tensor", CallCategory.GilHoldingCpu)]
    [InlineData("torch.nn.Module.eval", CallCategory.Cheap)]
    [InlineData("torch.load", CallCategory.BlockingIo)]
    [InlineData("torchvision.models.resnet50", CallCategory.BlockingIo)]
    [InlineData("tensorflow.keras.Model.predict", CallCategory.GilReleasingNative)]
    [InlineData("keras.Model.fit", CallCategory.GilReleasingNative)]
    [InlineData("transformers.Pipeline.__call__", CallCategory.GilReleasingNative)]
    [InlineData("transformers.pipeline", CallCategory.BlockingIo)]
    [InlineData("sentence_transformers.SentenceTransformer.encode", CallCategory.GilReleasingNative)]
    [InlineData("onnxruntime.InferenceSession.run", CallCategory.GilReleasingNative)]
    [InlineData("xgboost.XGBClassifier.predict", CallCategory.GilReleasingNative)]
    [InlineData("ultralytics.YOLO.predict", CallCategory.GilReleasingNative)]
    [InlineData("sklearn.ensemble.RandomForestClassifier", CallCategory.Cheap)]
    [InlineData("sklearn.ensemble.RandomForestClassifier.fit", CallCategory.GilReleasingNative)]
    [InlineData("sklearn.feature_extraction.text.TfidfVectorizer.fit_transform", CallCategory.GilHoldingCpu)]
    [InlineData("scipy.optimize.minimize", CallCategory.GilHoldingCpu)]
    [InlineData("scipy.linalg.solve", CallCategory.GilReleasingNative)]
    [InlineData("matplotlib.pyplot.savefig", CallCategory.GilHoldingCpu)]
    [InlineData("matplotlib.pyplot.show", CallCategory.BlockingIo)]
    [InlineData("sympy.factorint", CallCategory.GilHoldingCpu)]
    [InlineData("sympy.symbols", CallCategory.Cheap)]
    [InlineData("networkx.betweenness_centrality", CallCategory.GilHoldingCpu)]
    [InlineData("networkx.Graph.add_edge", CallCategory.Cheap)]
    [InlineData("yaml.safe_load", CallCategory.GilHoldingCpu)]
    [InlineData("bs4.BeautifulSoup", CallCategory.GilHoldingCpu)]
    [InlineData("bs4.element.Tag.get", CallCategory.Cheap)]
    [InlineData("markdown.markdown", CallCategory.GilHoldingCpu)]
    [InlineData("mistune.html", CallCategory.GilHoldingCpu)]
    [InlineData("pypdf.PageObject.extract_text", CallCategory.GilHoldingCpu)]
    [InlineData("PyPDF2.PdfReader", CallCategory.BlockingIo)]
    [InlineData("docx.Document", CallCategory.BlockingIo)]
    [InlineData("openpyxl.load_workbook", CallCategory.GilHoldingCpu)]
    [InlineData("jinja2.Template.render", CallCategory.GilHoldingCpu)]
    [InlineData("jinja2.Environment.get_template", CallCategory.BlockingIo)]
    [InlineData("chardet.detect", CallCategory.GilHoldingCpu)]
    [InlineData("nltk.word_tokenize", CallCategory.GilHoldingCpu)]
    [InlineData("nltk.download", CallCategory.BlockingIo)]
    [InlineData("spacy.language.Language.__call__", CallCategory.GilHoldingCpu)]
    [InlineData("jieba.lcut", CallCategory.GilHoldingCpu)]
    [InlineData("rouge_score.rouge_scorer.RougeScorer.score", CallCategory.GilHoldingCpu)]
    [InlineData("rapidfuzz.fuzz.ratio", CallCategory.GilHoldingCpu)]
    [InlineData("rapidfuzz.process.cdist", CallCategory.GilReleasingNative)]
    [InlineData("fuzzywuzzy.process.extractOne", CallCategory.GilHoldingCpu)]
    [InlineData("tiktoken.Encoding.encode", CallCategory.GilReleasingNative)]
    [InlineData("tokenizers.Tokenizer.encode", CallCategory.GilHoldingCpu)]
    [InlineData("tokenizers.Tokenizer.encode_batch", CallCategory.GilReleasingNative)]
    [InlineData("bcrypt.hashpw", CallCategory.GilReleasingNative)]
    [InlineData("bcrypt.gensalt", CallCategory.Cheap)]
    [InlineData("argon2.PasswordHasher.hash", CallCategory.GilReleasingNative)]
    [InlineData("passlib.context.CryptContext.verify", CallCategory.GilReleasingNative)]
    [InlineData("pwdlib.PasswordHash.recommended", CallCategory.Cheap)]
    [InlineData("pwdlib.PasswordHash.hash", CallCategory.GilReleasingNative)]
    [InlineData("jwt.encode", CallCategory.GilHoldingCpu)]
    [InlineData("cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key", CallCategory.GilHoldingCpu)]
    [InlineData("Crypto.PublicKey.RSA.generate", CallCategory.GilHoldingCpu)]
    [InlineData("Crypto.Protocol.KDF.scrypt", CallCategory.GilReleasingNative)]
    [InlineData("ecdsa.SigningKey.sign", CallCategory.GilHoldingCpu)]
    [InlineData("ecpy.ecdsa.ECDSA.verify", CallCategory.GilHoldingCpu)]
    [InlineData("hdwallet.HDWallet.from_mnemonic", CallCategory.GilHoldingCpu)]
    [InlineData("base58.b58encode_check", CallCategory.GilHoldingCpu)]
    [InlineData("mnemonic.Mnemonic.to_seed", CallCategory.GilReleasingNative)]
    [InlineData("bip32utils.BIP32Key.ChildKey", CallCategory.GilHoldingCpu)]
    [InlineData("web3.eth.Eth.get_balance", CallCategory.BlockingIo)]
    [InlineData("web3.Web3.to_wei", CallCategory.Cheap)]
    [InlineData("web3.contract.ContractFunction.call", CallCategory.BlockingIo)]
    [InlineData("eth_account.Account.sign_transaction", CallCategory.GilHoldingCpu)]
    [InlineData("sqlalchemy.create_engine", CallCategory.Cheap)]
    [InlineData("sqlalchemy.orm.Session.execute", CallCategory.BlockingIo)]
    [InlineData("sqlalchemy.orm.Session.add", CallCategory.Cheap)]
    [InlineData("sqlalchemy.orm.Query.filter", CallCategory.Cheap)]
    [InlineData("sqlalchemy.orm.Query.all", CallCategory.BlockingIo)]
    [InlineData("sqlalchemy.ext.asyncio.AsyncSession.execute", CallCategory.Cheap)]
    [InlineData("psycopg2.connect", CallCategory.BlockingIo)]
    [InlineData("psycopg2.extensions.cursor.execute", CallCategory.BlockingIo)]
    [InlineData("pymysql.cursors.Cursor.fetchall", CallCategory.BlockingIo)]
    [InlineData("pymongo.collection.Collection.insert_one", CallCategory.BlockingIo)]
    [InlineData("pymongo.collection.Collection.find", CallCategory.Cheap)]
    [InlineData("motor.motor_asyncio.AsyncIOMotorCollection.find_one", CallCategory.Cheap)]
    [InlineData("redis.Redis.get", CallCategory.BlockingIo)]
    [InlineData("redis.client.Pipeline.set", CallCategory.Cheap)]
    [InlineData("redis.asyncio.Redis.get", CallCategory.Cheap)]
    [InlineData("boto3.client", CallCategory.BlockingIo)]
    [InlineData("botocore.client.BaseClient.upload_file", CallCategory.BlockingIo)]
    [InlineData("botocore.client.BaseClient.generate_presigned_url", CallCategory.Cheap)]
    [InlineData("paramiko.SSHClient.exec_command", CallCategory.BlockingIo)]
    [InlineData("git.Repo.clone_from", CallCategory.BlockingIo)]
    [InlineData("docker.models.containers.ContainerCollection.run", CallCategory.BlockingIo)]
    [InlineData("kubernetes.client.CoreV1Api.list_namespaced_pod", CallCategory.BlockingIo)]
    [InlineData("selenium.webdriver.Chrome", CallCategory.BlockingIo)]
    [InlineData("selenium.webdriver.remote.webdriver.WebDriver.get", CallCategory.BlockingIo)]
    [InlineData("selenium.webdriver.support.ui.WebDriverWait.until", CallCategory.BlockingIo)]
    [InlineData("openai.OpenAI", CallCategory.Cheap)]
    [InlineData("openai.resources.chat.Completions.create", CallCategory.BlockingIo)]
    [InlineData("openai.resources.chat.AsyncCompletions.create", CallCategory.Cheap)]
    [InlineData("openai.ChatCompletion.create", CallCategory.BlockingIo)]
    [InlineData("langchain_openai.ChatOpenAI.invoke", CallCategory.BlockingIo)]
    [InlineData("langchain_openai.ChatOpenAI.ainvoke", CallCategory.Cheap)]
    [InlineData("telebot.TeleBot.send_message", CallCategory.BlockingIo)]
    [InlineData("telebot.TeleBot.message_handler", CallCategory.Cheap)]
    [InlineData("telegram.Bot.send_message", CallCategory.Cheap)]
    [InlineData("heroku3.from_key", CallCategory.BlockingIo)]
    [InlineData("wikipedia.summary", CallCategory.BlockingIo)]
    [InlineData("feedparser.parse", CallCategory.BlockingIo)]
    [InlineData("googletrans.Translator.translate", CallCategory.BlockingIo)]
    [InlineData("gtts.gTTS.save", CallCategory.BlockingIo)]
    [InlineData("pyttsx3.Engine.runAndWait", CallCategory.BlockingIo)]
    [InlineData("yt_dlp.YoutubeDL.download", CallCategory.BlockingIo)]
    [InlineData("pytube.Stream.download", CallCategory.BlockingIo)]
    [InlineData("speedtest.Speedtest.download", CallCategory.BlockingIo)]
    [InlineData("chess.engine.SimpleEngine.analyse", CallCategory.BlockingIo)]
    [InlineData("psutil.virtual_memory", CallCategory.Cheap)]
    [InlineData("psutil.cpu_percent", CallCategory.BlockingIo)]
    [InlineData("tqdm.tqdm", CallCategory.Cheap)]
    [InlineData("aiohttp.ClientSession.get", CallCategory.Cheap)]
    [InlineData("asyncpg.Pool.fetch", CallCategory.Cheap)]
    [InlineData("aiofiles.open", CallCategory.Cheap)]
    [InlineData("httpx.AsyncClient.get", CallCategory.Cheap)]
    [InlineData("pyarrow.parquet.read_table", CallCategory.BlockingIo)]
    [InlineData("pyspark.sql.DataFrame.filter", CallCategory.Cheap)]
    [InlineData("pyspark.sql.DataFrame.collect", CallCategory.BlockingIo)]
    [InlineData("face_recognition.face_encodings", CallCategory.GilHoldingCpu)]
    [InlineData("skimage.filters.gaussian", CallCategory.GilReleasingNative)]
    [InlineData("imageio.imread", CallCategory.BlockingIo)]
    [InlineData("moviepy.editor.VideoFileClip.write_videofile", CallCategory.BlockingIo)]
    [InlineData("pydub.AudioSegment.from_file", CallCategory.BlockingIo)]
    [InlineData("pydub.AudioSegment.overlay", CallCategory.GilHoldingCpu)]
    [InlineData("smtplib.SMTP.sendmail", CallCategory.BlockingIo)]
    [InlineData("zipfile.ZipFile.extractall", CallCategory.BlockingIo)]
    [InlineData("zipfile.ZipFile.namelist", CallCategory.Cheap)]
    [InlineData("tarfile.open", CallCategory.BlockingIo)]
    [InlineData("shutil.copyfile", CallCategory.BlockingIo)]
    [InlineData("wave.open", CallCategory.BlockingIo)]
    [InlineData("audioop.rms", CallCategory.GilHoldingCpu)]
    [InlineData("glob.glob", CallCategory.BlockingIo)]
    [InlineData("os.path.exists", CallCategory.BlockingIo)]
    [InlineData("os.path.join", CallCategory.Cheap)]
    public void Names_find_their_category_exact_first_then_by_the_longest_wildcard(string name, CallCategory expected) =>
        CallCatalog.Default.Find(name)!.Category.ShouldBe(expected);

    [Theory]
    [InlineData("PIL.Image.open", "PIL.Image.Image")]
    [InlineData("torchvision.models.resnet50", "torch.nn.Module")]
    [InlineData("pwdlib.PasswordHash.recommended", "pwdlib.PasswordHash")]
    [InlineData("sqlite3.connect", "sqlite3.Connection")]
    [InlineData("boto3.client", "botocore.client.BaseClient")]
    [InlineData("pandas.read_csv", "pandas.DataFrame")]
    [InlineData("requests.get", "requests.Response")]
    [InlineData("psycopg2.extensions.connection.cursor", "psycopg2.extensions.cursor")]
    [InlineData("web3.Web3.eth", "web3.eth.Eth")]
    [InlineData("openai.OpenAI.chat", "openai.resources.chat.Chat")]
    public void Constructors_and_factories_give_the_type_of_their_result(string name, string type) =>
        CallCatalog.Default.Find(name)!.Returns.ShouldBe(type);

    [Theory]
    [InlineData("pandas.read_csv")]
    [InlineData("sqlite3.Cursor.fetchall")]
    [InlineData("os.listdir")]
    [InlineData("json.load")]
    [InlineData("io.TextIOWrapper.readlines")]
    [InlineData("requests.Response.json")]
    [InlineData("glob.glob")]
    [InlineData("os.walk")]
    [InlineData("pathlib.Path.rglob")]
    [InlineData("csv.reader")]
    [InlineData("yaml.safe_load")]
    [InlineData("pymongo.cursor.Cursor.__iter__")]
    public void Calls_that_return_external_data_say_what_the_data_is(string name) =>
        CallCatalog.Default.Find(name)!.DataSource.ShouldNotBeNullOrWhiteSpace();

    [Fact]
    public void Heavy_library_calls_carry_weights_items_and_callbacks()
    {
        CallCatalog.Default.Find("bcrypt.hashpw")!.Weight.ShouldBe(2.5e7);
        CallCatalog.Default.Find("tokenizers.Tokenizer.encode_batch")!.PerItemOf!.Position.ShouldBe(0);
        CallCatalog.Default.Find("pandas.DataFrame.apply")!.Invokes.ShouldContain(new ArgumentRef(0, null));
        CallCatalog.Default.Find("scipy.optimize.minimize")!.Invokes.ShouldContain(new ArgumentRef(0, null));
        CallCatalog.Default.Find("torch.nn.Module.__call__")!.Weight!.Value.ShouldBeGreaterThan(1e5);
        foreach (var entry in CallCatalog.Default.Entries)
            if (entry.Category is CallCategory.GilReleasingNative or CallCategory.GilHoldingCpu)
                (entry.Weight ?? 1).ShouldBeGreaterThan(0, entry.Name);
    }

    [Fact]
    public void Unknown_names_are_not_in_the_catalog()
    {
        CallCatalog.Default.Find("mylib.compute").ShouldBeNull();
        CallCatalog.Default.Find("numpyx.dot").ShouldBeNull();
    }

    [Fact]
    public void Hashlib_releases_the_gil_only_from_2048_bytes()
    {
        var sha = CallCatalog.Default.Find("hashlib.sha256")!;
        sha.ReleasesGilWhen!.MinBytes.ShouldBe(2048);
        sha.ReleasesGilWhen.Argument.Position.ShouldBe(0);
        sha.Otherwise.ShouldBe(CallCategory.GilHoldingCpu);
        sha.Returns.ShouldBe("_hashlib.HASH");
        CallCatalog.Default.Find("_hashlib.HASH.update")!.ReleasesGilWhen!.MinBytes.ShouldBe(2048);
        CallCatalog.Default.Find("_hashlib.HASH.hexdigest")!.Category.ShouldBe(CallCategory.Cheap);
    }

    [Fact]
    public void An_entry_without_source_or_reason_is_refused()
    {
        var error = Should.Throw<InvalidDataException>(() =>
            CallCatalog.Parse("""{"entries": [{"name": "x.y", "category": "cheap"}]}"""));
        error.Message.ShouldBe("call catalog: 'x.y' has neither a source nor a reason");
    }

    [Fact]
    public void Unknown_categories_and_fields_are_refused()
    {
        Should.Throw<InvalidDataException>(() =>
            CallCatalog.Parse("""{"entries": [{"name": "x.y", "category": "fast", "reason": "because it is"}]}"""))
            .Message.ShouldBe("call catalog: 'x.y' has unknown category 'fast'");
        Should.Throw<JsonException>(() =>
            CallCatalog.Parse("""{"entries": [{"name": "x.y", "category": "cheap", "reason": "because it is", "colour": 1}]}"""));
    }
}
