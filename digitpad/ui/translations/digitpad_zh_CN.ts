<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="196" />
        <source>digitpad: handwritten digit recognition</source>
        <translation>digitpad：手写数字识别</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="197" />
        <source>Pen width</source>
        <translation>笔宽</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="198" />
        <location filename="../main_window.py" line="405" />
        <source>Pen width: %1 px</source>
        <translation>笔宽：%1 像素</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="199" />
        <source>Reset to bundled model</source>
        <translation>恢复为内置模型</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="200" />
        <source>What the model sees
(28 x 28 pixels)</source>
        <translation>模型看到的图像
（28 x 28 像素）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="201" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="202" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="203" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="204" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="205" />
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="206" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="207" />
        <source>&amp;Open image...</source>
        <translation>打开图片(&amp;O)...</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="208" />
        <source>&amp;Save drawing...</source>
        <translation>保存绘图(&amp;S)...</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="209" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="210" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="211" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="212" />
        <source>&amp;Clear</source>
        <translation>清除(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="213" />
        <source>&amp;Paste image</source>
        <translation>粘贴图片(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="214" />
        <source>Number:</source>
        <translation>数字串：</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="215" />
        <source>&amp;Retrain...</source>
        <translation>重新训练(&amp;R)...</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="216" />
        <source>&amp;Load model...</source>
        <translation>加载模型(&amp;L)...</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="217" />
        <source>Reset to &amp;bundled model</source>
        <translation>恢复为内置模型(&amp;B)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="218" />
        <source>&amp;About digitpad</source>
        <translation>关于 digitpad(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="245" />
        <location filename="../main_window.py" line="366" />
        <source>Loading model...</source>
        <translation>正在加载模型...</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="254" />
        <source>Model ready: %1, %2 on the MNIST test set</source>
        <translation>模型已就绪：%1，MNIST 测试集准确率 %2</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="258" />
        <source>Model ready</source>
        <translation>模型已就绪</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="265" />
        <source>The model could not be loaded: %1</source>
        <translation>无法加载模型：%1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="267" />
        <source>No model: drawing still works, predictions are off.</source>
        <translation>没有模型：仍可绘图，但不会进行识别。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="364" />
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="368" />
        <source>No digit found in this image</source>
        <translation>图片中没有找到数字</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="370" />
        <source>Draw a digit</source>
        <translation>请写一个数字</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="375" />
        <source>%1% sure</source>
        <translation>把握 %1%</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="378" />
        <source>Not sure: %1 or %2?</source>
        <translation>不确定：%1 还是 %2？</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="410" />
        <source>Open image</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="411" />
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="418" />
        <source>Opening %1...</source>
        <translation>正在打开 %1...</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="424" />
        <source>pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="425" />
        <source>The clipboard holds no image.</source>
        <translation>剪贴板中没有图片。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="448" />
        <source>dropped image</source>
        <translation>拖入的图片</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="456" />
        <source>%1: press Esc to go back to drawing</source>
        <translation>%1：按 Esc 返回绘图</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="463" />
        <source>Cannot open image</source>
        <translation>无法打开图片</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="467" />
        <source>Nothing to save: the canvas is empty.</source>
        <translation>没有可保存的内容：画布是空的。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="470" />
        <location filename="../main_window.py" line="484" />
        <source>Save drawing</source>
        <translation>保存绘图</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="471" />
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="480" />
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="482" />
        <source>Could not save %1: check the folder exists and is writable.</source>
        <translation>无法保存 %1：请检查文件夹是否存在且可写。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="500" />
        <source>Model: %1 (%2 parameters), %3 on the MNIST test set.</source>
        <translation>模型：%1（%2 个参数），MNIST 测试集准确率 %3。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="503" />
        <source>No model card found.</source>
        <translation>没有找到模型说明。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="504" />
        <source>About digitpad</source>
        <translation>关于 digitpad</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="505" />
        <source>digitpad %1
Draw a digit and watch a neural network recognise it.</source>
        <translation>digitpad %1
写一个数字，看神经网络如何识别它。</translation>
    </message>
</context>
</TS>